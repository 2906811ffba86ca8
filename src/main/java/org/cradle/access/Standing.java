package org.cradle.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where someone stands to one child's case: how they relate to it, and the explicit rights they were given for it.
 *
 * @param addresses the right to see confidential addresses (a refuge, a hidden new home)
 * @param sealed    the right to see sealed records
 */
public record Standing(Set<Relation> relations, boolean addresses, boolean sealed) {

    public static final Standing NONE = new Standing(Set.of(), false, false);

    public Standing {
        relations = relations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(relations));
    }

    /** The command line's operator acting on the whole store: explicit rights only when the command was given them. */
    public static Standing operator(boolean addresses, boolean sealed) {
        return new Standing(Set.of(), addresses, sealed);
    }
}
