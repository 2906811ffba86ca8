package org.cradle.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The accounts that may sign in with a password, each with a password hash (never the password). */
public final class Accounts {

    private record Entry(Account account, String hash) {
    }

    private final Map<String, Entry> byUsername = new LinkedHashMap<>();

    public Accounts add(Account account, String passwordHash) {
        byUsername.put(account.username(), new Entry(account, passwordHash));
        return this;
    }

    public Optional<Account> authenticate(String username, char[] password) {
        Entry entry = byUsername.get(username == null ? "" : username);
        if (entry == null) {
            // Spend the same time on an unknown name as on a wrong password, so timing does not reveal who has an account.
            PasswordHash.matches(password, DUMMY);
            return Optional.empty();
        }
        return PasswordHash.matches(password, entry.hash()) ? Optional.of(entry.account()) : Optional.empty();
    }

    public Collection<Account> all() {
        return byUsername.values().stream().map(Entry::account).toList();
    }

    private static final String DUMMY = PasswordHash.of("not a password".toCharArray());

    /**
     * The demo's seeded users, one per role, for `./cradle demo` only. Their password is the word given when the demo
     * starts (by default {@code demo}); a real installation signs in through its identity provider instead.
     */
    public static Accounts demo(String password) {
        String hash = PasswordHash.of(password.toCharArray());
        var accounts = new Accounts();
        for (Account a : new Account[] {
                new Account("sw.bucks", "Sam Ward", "social-worker", "E10000002/csc"),
                new Account("hv.stockport", "Helen Vance", "health-visitor", "E08000007/stockport-hv"),
                new Account("mw.bucks", "Maya Webb", "midwife", "E10000002/bht"),
                new Account("police.warks", "PC Paul Ossett", "police-officer", "E10000031/warks-police"),
                new Account("fc.bucks", "Fran Carter", "foster-carer", "E10000002/foster-carers"),
                new Account("lead.bucks", "Lena Adeyemi", "safeguarding-lead", "E10000002/csc"),
                new Account("reviewer", "Rob Evans", "case-reviewer", "partnership")}) {
            accounts.add(a, hash);
        }
        return accounts;
    }
}
