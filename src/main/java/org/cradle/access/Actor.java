package org.cradle.access;

import java.util.Set;

/**
 * Who is reading or writing the record, from where and for what purpose.
 *
 * @param agency  the agency they act for, as {@code AREA/LOCAL-ID} (the store's key of an agency)
 * @param client  where the request came from (an address, or "command line")
 * @param purpose why, as they stated it (null when not stated)
 * @param rights  explicit rights held for the whole store (a case team gives them per case)
 */
public record Actor(String username, Role role, String agency, String client, String purpose, Set<Right> rights) {

    public Actor {
        rights = Set.copyOf(rights);
    }

    public static Actor of(Account account, String client, String purpose) {
        return new Actor(account.username(), Role.of(account.role()), account.agency(), client, purpose, Set.of());
    }

    /** The command line, acting as a named system operator, with the explicit rights the command was given. */
    public static Actor operator(String name, String purpose, Set<Right> rights) {
        return new Actor("operator:" + name, Role.SYSTEM_OPERATOR, "system", "command line", purpose, rights);
    }
}
