package org.cradle.cli;

import java.time.Clock;
import java.util.Set;
import org.cradle.access.Actor;
import org.cradle.access.Right;
import org.cradle.audit.AuditLog;
import org.cradle.store.Database;
import org.cradle.store.RecordAccess;
import picocli.CommandLine.Option;

/** The command line acts on people's records as a named system operator, for a stated purpose, and is audited. */
final class OperatorOptions {

    @Option(names = "--operator", paramLabel = "NAME", description = "who is running the command (default: the login name)")
    String operator = System.getProperty("user.name", "cli");

    @Option(names = "--purpose", paramLabel = "TEXT", description = "why (written to the audit trail)")
    String purpose;

    Actor actor(Set<Right> rights) {
        return Actor.operator(operator, purpose, rights);
    }

    static RecordAccess records(Database db) {
        return new RecordAccess(db, new AuditLog(db, Clock.systemUTC()), Clock.systemDefaultZone());
    }
}
