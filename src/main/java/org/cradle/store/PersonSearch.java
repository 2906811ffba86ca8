package org.cradle.store;

import java.util.Locale;
import java.util.StringJoiner;
import org.cradle.people.Person;

/** What a person can be found by: their label, every name they have had, and their identifiers. */
final class PersonSearch {

    private PersonSearch() {
    }

    static String text(Person p) {
        var words = new StringJoiner(" ");
        if (p.label() != null) {
            words.add(p.label());
        }
        p.names().forEach(n -> words.add(n.full()));
        p.identifiers().forEach(i -> words.add(i.value()));
        String text = words.toString().toLowerCase(Locale.ROOT);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
