package org.cradle.web;

import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.audit.AuditLog;
import org.cradle.store.AlertStore;
import org.cradle.store.ChronologyReader;
import org.cradle.store.Database;

/** What the web application works with. */
public record Services(Database database, ChronologyReader chronologies, AlertStore alerts, AuditLog audit, Accounts accounts, Clock clock) {

    public static Services of(Database database, Accounts accounts, Clock clock) {
        return new Services(database, new ChronologyReader(database), new AlertStore(database, clock), new AuditLog(database, clock),
                accounts, clock);
    }
}
