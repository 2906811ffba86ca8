package org.cradle.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.cradle.audit.AuditLog;
import org.cradle.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "The audit trail: 'verify' checks the hash chain (exit 1 at the first broken link); "
        + "'history --person ID' lists who looked at or changed a person's record.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.History.class})
final class AuditCommand {

    @Command(name = "verify", description = "Check every entry of the audit trail; exit 1 naming the first broken link.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                var v = new AuditLog(db, Clock.systemUTC()).verify();
                if (v.intact()) {
                    spec.commandLine().getOut().println("audit trail intact: " + v.entries() + " entries; head " + v.head());
                    return 0;
                }
                spec.commandLine().getErr().println("audit trail broken at entry " + v.firstBroken() + ": " + v.reason());
                return 1;
            }
        }
    }

    @Command(name = "history", description = "Who looked at or changed a person's record, and when (for a subject access request).")
    static final class History implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Option(names = "--person", required = true, paramLabel = "ID", description = "the person's store id")
        long person;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                for (var s : AuditLog.history(db, person)) {
                    spec.commandLine().getOut().printf("%s  %-14s %-18s %s%s%n", s.at(), s.entry().actor(), s.entry().action(),
                            s.entry().client() == null ? "" : "from " + s.entry().client(),
                            s.entry().purpose() == null ? "" : "  purpose: " + s.entry().purpose());
                }
            }
            return 0;
        }
    }
}
