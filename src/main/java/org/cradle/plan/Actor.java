package org.cradle.plan;

import org.cradle.access.Account;
import org.cradle.store.Database;

/** Who is doing something in a workflow: a signed-in user and the agency (store id) they act for. */
public record Actor(String username, String name, String role, long agencyId) {

    /** The account's agency ({@code AREA/local-id}) as stored; an account whose agency the store does not hold cannot act on a record. */
    public static Actor of(Database database, Account account) {
        String[] key = account.agency().split("/", 2);
        if (key.length != 2) {
            throw new IllegalArgumentException(account.username() + " acts for no agency of a child's record (" + account.agency() + ")");
        }
        long agency = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE area_code = :area AND local_id = :id")
                .bind("area", key[0]).bind("id", key[1]).mapTo(Long.class).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("agency " + account.agency() + " of " + account.username() + " is not in this store")));
        return new Actor(account.username(), account.name(), account.role(), agency);
    }
}
