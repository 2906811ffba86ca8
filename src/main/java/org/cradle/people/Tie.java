package org.cradle.people;

import java.time.LocalDate;

/**
 * A relationship reduced to what deciding who is around a child needs: "{@code from} is {@code type} of {@code to}"
 * since {@code begins} (null when not known).
 */
public record Tie<K>(K from, K to, String type, LocalDate begins) {

    public boolean begunBy(LocalDate day) {
        return day == null || begins == null || !begins.isAfter(day);
    }
}
