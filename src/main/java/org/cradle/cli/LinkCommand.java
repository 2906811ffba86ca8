package org.cradle.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.cradle.audit.AuditLog;
import java.util.Set;
import org.cradle.access.Actor;
import org.cradle.linkage.Identities;
import org.cradle.linkage.Review;
import org.cradle.store.RecordAccess;
import org.cradle.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "link", description = "Who is who across agencies and areas: 'run' matches every person record in the store; "
        + "'queue' lists the pairs waiting for a practitioner; 'confirm' or 'reject' decides one; 'undo' separates a link's records again.",
        subcommands = {LinkCommand.Run.class, LinkCommand.Queue.class, LinkCommand.Confirm.class, LinkCommand.Reject.class, LinkCommand.Undo.class})
final class LinkCommand {

    static Identities identities(Database db) {
        return new Identities(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
    }

    static Review review(Database db) {
        var audit = new AuditLog(db, Clock.systemUTC());
        return new Review(new Identities(db, audit, Clock.systemUTC()), OperatorOptions.records(db), audit);
    }

    @Command(name = "run", description = "Match every person record in the store: link those surely one person, queue those possibly one.")
    static final class Run implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Mixin
        OperatorOptions operator;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                var run = identities(db).run(operator.actor(Set.of()).username());
                spec.commandLine().getOut().println(run.records() + " person records matched: " + run.linked() + " pairs linked, "
                        + run.queued() + " queued for review");
            }
            return 0;
        }
    }

    @Command(name = "queue", description = "The pairs waiting for a practitioner, most likely first, each with its evidence.")
    static final class Queue implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Mixin
        OperatorOptions operator;

        @Option(names = "--limit", paramLabel = "N", description = "show at most N pairs, the most likely first (default: ${DEFAULT-VALUE})")
        int limit = 100;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (Database db = store.open()) {
                // Read as the operator, through the access policy (no confidential address without the right) and audited.
                var queue = review(db).queue(operator.actor(Set.of()), limit);
                for (var pair : queue.shown()) {
                    var link = pair.link();
                    out.printf("link %d: probability %.3f%n", link.id(), link.probability());
                    out.println("    " + describe(pair.a()));
                    out.println("    " + describe(pair.b()));
                    link.evidence().lines().forEach(line -> out.println("    " + line));
                }
                out.println(queue.waiting() + " pairs waiting" + (queue.waiting() > queue.shown().size() ? ", " + queue.shown().size() + " shown" : ""));
            }
            return 0;
        }

        private static String describe(RecordAccess.PersonView view) {
            var p = view.person();
            var line = new StringBuilder("person " + p.id() + ": " + p.name() + " (recorded as "
                    + String.join("; ", view.names().stream().map(org.cradle.people.PersonName::full).toList()) + "), " + p.kind());
            if (p.birth() != null) {
                line.append(", born ").append(p.birth());
            }
            line.append(", area ").append(p.area());
            view.addresses().forEach(a -> line.append(", ").append(a.line() == null ? "" : a.line())
                    .append(a.postcode() == null ? "" : " " + a.postcode()));
            if (view.withheldAddresses() > 0) {
                line.append(" (").append(view.withheldAddresses()).append(" confidential address withheld)");
            }
            return line.toString();
        }
    }

    /** A decision on one link: its id and the reason, which is kept with who decided and when. */
    abstract static class Decide implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Parameters(index = "0", paramLabel = "LINK", description = "the link's id (from 'link queue')")
        long link;

        @Option(names = "--reason", required = true, description = "why (kept with the decision and in the audit trail)")
        String reason;

        // Not OperatorOptions: a decision on who is who is always made by a named person, never the login by default.
        @Option(names = "--operator", required = true, paramLabel = "NAME", description = "who decides (kept with the decision and in the audit trail)")
        String operator;

        @Option(names = "--purpose", paramLabel = "TEXT", description = "why the records are being looked at (written to the audit trail; default: the reason)")
        String purpose;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** The decision's word: confirm, reject or undo. */
        abstract String decision();

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                var l = review(db).decide(Actor.operator(operator, purpose, Set.of()), link, decision(), reason);
                spec.commandLine().getOut().println("link " + l.id() + " between person " + l.personA() + " and person " + l.personB()
                        + ": " + l.status());
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                spec.commandLine().getErr().println("cradle: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "confirm", description = "A queued pair is one person: link them.")
    static final class Confirm extends Decide {
        @Override
        String decision() {
            return "confirm";
        }
    }

    @Command(name = "reject", description = "A queued pair is two people: never link them.")
    static final class Reject extends Decide {
        @Override
        String decision() {
            return "reject";
        }
    }

    @Command(name = "undo", description = "Undo a link (automatic or confirmed): its records are separate identities again.")
    static final class Undo extends Decide {
        @Override
        String decision() {
            return "undo";
        }
    }
}
