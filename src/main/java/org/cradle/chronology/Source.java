package org.cradle.chronology;

/**
 * Who the information came from and how reliable that source is (A always reliable .. E untested).
 * Graded apart from the information's own validity: good-faith information can be wrong, bad-faith true.
 */
public record Source(String kind, String reliability) {
}
