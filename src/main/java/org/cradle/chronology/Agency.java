package org.cradle.chronology;

/**
 * An agency that records or receives information: a council's social care, a midwifery service, a police force.
 * Its identity is its id within its area.
 *
 * @param document the agency as the case file described it (JSON), kept so that export is faithful
 */
public record Agency(String id, String name, String kind, String area, String document) {
}
