package org.cradle.web;

import java.nio.file.Path;
import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.audit.AuditLog;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.RulePack;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Database;
import org.cradle.store.RecordAccess;
import org.cradle.transfer.InstallationKeys;
import org.cradle.transfer.Transfers;
import org.cradle.workflow.Workflows;

/**
 * What the web application works with. People's records are read only through {@link RecordAccess}. Transfers sign with
 * the installation's keys and leave their bundles and acknowledgements in {@code outbox}, for the user to download and carry.
 */
public record Services(Database database, RecordAccess records, AuditLog audit, Accounts accounts, SignInLimits limits, Clock clock,
                       Workflows workflows, Transfers transfers, Path outbox) {

    /** Receipt of a transferred record is due within this many working days. */
    public static final int ACK_WORKING_DAYS = 2;

    /** Keys in {@code $CRADLE_KEYS} (else {@code ./keys}); bundles in {@code $CRADLE_TRANSFERS} (else {@code ./transfers}). */
    public static Services of(Database database, Accounts accounts, Clock clock) {
        String outbox = System.getenv("CRADLE_TRANSFERS");
        return of(database, accounts, clock, InstallationKeys.defaultFolder(), Path.of(outbox != null && !outbox.isBlank() ? outbox : "transfers"));
    }

    public static Services of(Database database, Accounts accounts, Clock clock, Path keys, Path outbox) {
        Workflows workflows;
        try {
            workflows = new Workflows(database, StandardEngine.from(RulePack.defaultFolder()), StageLimits.configured(), clock);
        } catch (java.io.IOException | RulePack.InvalidRulePackException e) {
            throw new IllegalStateException("the rules cannot be loaded from " + RulePack.defaultFolder() + ": " + e.getMessage(), e);
        }
        var audit = new AuditLog(database, clock);
        var transfers = new Transfers(database, workflows, InstallationKeys.open(keys), clock, ACK_WORKING_DAYS);
        return new Services(database, new RecordAccess(database, audit, clock), audit, accounts, new SignInLimits(clock), clock, workflows,
                transfers, outbox);
    }
}
