package org.cradle.web;

import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.audit.AuditLog;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.RulePack;
import org.cradle.rules.StandardEngine;
import org.cradle.store.AlertStore;
import org.cradle.store.ChronologyReader;
import org.cradle.store.Database;
import org.cradle.workflow.Workflows;

/** What the web application works with. */
public record Services(Database database, ChronologyReader chronologies, AlertStore alerts, AuditLog audit, Accounts accounts, Clock clock,
                       Workflows workflows) {

    public static Services of(Database database, Accounts accounts, Clock clock) {
        Workflows workflows;
        try {
            workflows = new Workflows(database, StandardEngine.from(RulePack.defaultFolder()), StageLimits.configured(), clock);
        } catch (java.io.IOException | RulePack.InvalidRulePackException e) {
            throw new IllegalStateException("the rules cannot be loaded from " + RulePack.defaultFolder() + ": " + e.getMessage(), e);
        }
        return new Services(database, new ChronologyReader(database), new AlertStore(database, clock), new AuditLog(database, clock),
                accounts, clock, workflows);
    }
}
