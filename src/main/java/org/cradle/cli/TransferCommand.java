package org.cradle.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.cradle.audit.AuditLog;
import org.cradle.escalation.StageLimits;
import org.cradle.plan.Actor;
import org.cradle.rules.RulePack;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Database;
import org.cradle.transfer.InstallationKeys;
import org.cradle.transfer.RefusedTransfer;
import org.cradle.transfer.Transfers;
import org.cradle.workflow.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "transfer", description = "Move a child's whole record to another area's installation: 'send' writes a signed bundle, "
        + "'receive' checks and stores one (and writes the signed acknowledgement), 'ack' records the receiver's acknowledgement at the sender.",
        subcommands = {TransferCommand.Send.class, TransferCommand.Receive.class, TransferCommand.Ack.class})
final class TransferCommand {

    /** The store, this installation's keys, and the workflows over them. */
    static final class Installation {
        @Mixin
        StoreOption store;

        @Option(names = "--keys", paramLabel = "DIR", description = "this installation's key folder (default: $CRADLE_KEYS or ./keys/; created at first use)")
        Path keys;

        @Option(names = "--ack-days", defaultValue = "2", description = "working days the receiver has to acknowledge (default ${DEFAULT-VALUE})")
        int ackDays;

        Transfers transfers(Database db) throws Exception {
            var clock = Clock.systemDefaultZone();
            var workflows = new Workflows(db, StandardEngine.from(RulePack.defaultFolder()), StageLimits.configured(), clock);
            return new Transfers(db, workflows, InstallationKeys.open(keys != null ? keys : InstallationKeys.defaultFolder()), clock, ackDays);
        }
    }

    /** One transfer step over this installation's store and keys; a refused bundle or acknowledgement is exit 1, its faults on stderr. */
    abstract static class Step implements Callable<Integer> {
        @Mixin
        Installation installation;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract void run(Database db, Transfers transfers, java.io.PrintWriter out) throws Exception;

        @Override
        public Integer call() throws Exception {
            try (Database db = installation.store.open()) {
                run(db, installation.transfers(db), spec.commandLine().getOut());
                return 0;
            } catch (RefusedTransfer e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "send", description = "Write the child's record, plan, meetings, escalations and alerts as a signed bundle for another area.")
    static final class Send extends Step {
        @Option(names = "--person", required = true, paramLabel = "ID", description = "the child's store id")
        long person;

        @Option(names = "--to", required = true, paramLabel = "AREA", description = "the receiving area's code")
        String to;

        @Option(names = "--by", required = true, paramLabel = "USER", description = "who is sending it")
        String by;

        @Option(names = "--agency", required = true, paramLabel = "AREA/ID", description = "the agency sending it, as AREA/agency-id")
        String agency;

        @Option(names = "--authority", paramLabel = "TEXT", description = "the right under which confidential addresses go too (without it they are withheld)")
        String authority;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the bundle")
        Path bundle;

        @Override
        void run(Database db, Transfers transfers, java.io.PrintWriter out) {
            var actor = Actor.of(db, new org.cradle.access.Account(by, by, "practitioner", agency));
            var sent = transfers.send(person, to, actor, authority, bundle);
            new AuditLog(db, Clock.systemUTC()).record(new AuditLog.Entry(by, "send transfer", person,
                    "transfer " + sent.transferId() + " to " + to + (authority == null ? "" : " with confidential items under: " + authority), "cli", null));
            out.println("transfer " + sent.transferId() + " written to " + bundle + "; acknowledgement due by " + sent.ackDue()
                    + (sent.confidentialAddressesWithheld() > 0 ? "; " + sent.confidentialAddressesWithheld() + " confidential address(es) withheld" : ""));
        }
    }

    @Command(name = "receive", description = "Check a bundle's seal and signer, then store it whole; refused whole (exit 1) when anything does not check out.")
    static final class Receive extends Step {
        @Option(names = "--by", required = true, paramLabel = "USER", description = "who is receiving it")
        String by;

        @Option(names = "--ack-out", paramLabel = "FILE", description = "write the signed acknowledgement here, for the sending area")
        Path ackOut;

        @Parameters(paramLabel = "BUNDLE")
        Path bundle;

        @Override
        void run(Database db, Transfers transfers, java.io.PrintWriter out) throws RefusedTransfer {
            var received = transfers.receive(bundle, by);
            new AuditLog(db, Clock.systemUTC()).record(new AuditLog.Entry(by, "receive transfer", received.child(),
                    "transfer " + received.transferId() + " from " + received.fromArea(), "cli", null));
            out.println("transfer " + received.transferId() + " from area " + received.fromArea() + " stored: child is person "
                    + received.child() + ", " + received.stored().eventsAdded() + " events added");
            if (ackOut != null) {
                transfers.acknowledge(received.transferId(), by, ackOut);
                out.println("acknowledgement written to " + ackOut + ": send it back to the sending area");
            }
        }
    }

    @Command(name = "ack", description = "At the sending installation: record the receiver's signed acknowledgement.")
    static final class Ack extends Step {
        @Parameters(paramLabel = "ACKNOWLEDGEMENT")
        Path file;

        @Override
        void run(Database db, Transfers transfers, java.io.PrintWriter out) throws RefusedTransfer {
            var sent = transfers.recordAcknowledgement(file);
            out.println("transfer " + sent.transferId() + " acknowledged by " + sent.acknowledgedBy());
        }
    }
}
