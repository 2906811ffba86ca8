package org.cradle.people;

import java.util.List;
import java.util.Objects;
import org.cradle.chronology.EventDate;

/**
 * A person as one agency or area recorded them: a child, an unborn child, or an adult.
 *
 * @param birth    date of birth, or null (unknown, or not yet born)
 * @param expected expected date of delivery of an unborn child, or null
 * @param label    how a report or review refers to the person ("Mother", "Twin 1")
 * @param document the person as the case file described them (JSON)
 */
public record Person(
        String id,
        String kind,
        List<PersonName> names,
        EventDate birth,
        EventDate expected,
        String sex,
        List<Identifier> identifiers,
        List<Address> addresses,
        String label,
        String document) {

    public Person {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        names = List.copyOf(names);
        identifiers = List.copyOf(identifiers);
        addresses = List.copyOf(addresses);
    }

    /** The name to show: the label a review uses, else the first name recorded, else the id. */
    public String displayName() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        return names.isEmpty() ? id : names.get(0).full();
    }

    public boolean isChild() {
        return !"adult".equals(kind);
    }
}
