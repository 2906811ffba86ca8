package org.cradle.rules;

import java.util.List;

/**
 * Which events a pattern looks at: their types (a family such as "health" matches "health.injury"), whose events
 * they are relative to the child, and an optional CEL condition over {@code e} (the event), {@code child} and
 * {@code person} (the adult involved).
 *
 * @param who   child (about the child), adult (about an adult around them), or anyone
 * @param where a CEL condition, or null
 */
public record Match(List<String> types, String who, String where) {

    public Match {
        types = List.copyOf(types);
    }

    public boolean typeMatches(String type) {
        if (types.isEmpty()) {
            return true;
        }
        for (String t : types) {
            if (type.equals(t) || type.startsWith(t) && type.length() > t.length() && type.charAt(t.length()) == '.') {
                return true;
            }
        }
        return false;
    }
}
