package org.cradle.web;

import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.audit.AuditLog;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.RulePack;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Database;
import org.cradle.store.RecordAccess;
import org.cradle.workflow.Workflows;

/** What the web application works with. People's records are read only through {@link RecordAccess}. */
public record Services(Database database, RecordAccess records, AuditLog audit, Accounts accounts, SignInLimits limits, Clock clock,
                       Workflows workflows) {

    public static Services of(Database database, Accounts accounts, Clock clock) {
        Workflows workflows;
        try {
            workflows = new Workflows(database, StandardEngine.from(RulePack.defaultFolder()), StageLimits.configured(), clock);
        } catch (java.io.IOException | RulePack.InvalidRulePackException e) {
            throw new IllegalStateException("the rules cannot be loaded from " + RulePack.defaultFolder() + ": " + e.getMessage(), e);
        }
        var audit = new AuditLog(database, clock);
        return new Services(database, new RecordAccess(database, audit, clock), audit, accounts, new SignInLimits(clock), clock, workflows);
    }
}
