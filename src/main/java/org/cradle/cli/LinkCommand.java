package org.cradle.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.cradle.audit.AuditLog;
import org.cradle.linkage.Identities;
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

    static String user() {
        return System.getProperty("user.name", "cli");
    }

    @Command(name = "run", description = "Match every person record in the store: link those surely one person, queue those possibly one.")
    static final class Run implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                var run = identities(db).run(user());
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

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (Database db = store.open()) {
                var queue = identities(db).queue();
                for (var link : queue) {
                    out.printf("link %d: person %d (%s) and person %d (%s), probability %.3f%n", link.id(), link.personA(), link.nameA(),
                            link.personB(), link.nameB(), link.probability());
                    link.evidence().lines().forEach(line -> out.println("    " + line));
                }
                out.println(queue.size() + " pairs waiting");
            }
            return 0;
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

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract Identities.Link decide(Identities identities);

        @Override
        public Integer call() {
            try (Database db = store.open()) {
                var l = decide(identities(db));
                spec.commandLine().getOut().println("link " + l.id() + " between person " + l.personA() + " and person " + l.personB()
                        + ": " + l.status());
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("cradle: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "confirm", description = "A queued pair is one person: link them.")
    static final class Confirm extends Decide {
        @Override
        Identities.Link decide(Identities identities) {
            return identities.confirm(link, user(), reason);
        }
    }

    @Command(name = "reject", description = "A queued pair is two people: never link them.")
    static final class Reject extends Decide {
        @Override
        Identities.Link decide(Identities identities) {
            return identities.reject(link, user(), reason);
        }
    }

    @Command(name = "undo", description = "Undo a link (automatic or confirmed): its records are separate identities again.")
    static final class Undo extends Decide {
        @Override
        Identities.Link decide(Identities identities) {
            return identities.undo(link, user(), reason);
        }
    }
}
