package org.cradle.web;

import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.audit.AuditLog;
import org.cradle.store.Database;
import org.cradle.store.RecordAccess;

/** What the web application works with. People's records are read only through {@link RecordAccess}. */
public record Services(Database database, RecordAccess records, AuditLog audit, Accounts accounts, SignInLimits limits, Clock clock) {

    public static Services of(Database database, Accounts accounts, Clock clock) {
        var audit = new AuditLog(database, clock);
        return new Services(database, new RecordAccess(database, audit, clock), audit, accounts, new SignInLimits(clock), clock);
    }
}
