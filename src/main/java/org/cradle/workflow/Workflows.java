package org.cradle.workflow;

import java.time.Clock;
import org.cradle.escalation.Escalations;
import org.cradle.escalation.StageLimits;
import org.cradle.plan.CoreGroup;
import org.cradle.plan.Meetings;
import org.cradle.plan.Notifications;
import org.cradle.plan.Plans;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.AlertStore;
import org.cradle.store.Database;
import org.cradle.store.Recorder;

/**
 * The workflows around a child's record (plan, meetings, core group, escalation), over one store and one clock, and the clock's sweep
 * that moves on whatever time has run out for. Transfers between areas carry these workflows ({@code org.cradle.transfer} uses this
 * package, never the other way round) and keep their own watch over receipts.
 */
public final class Workflows {

    /**
     * What one sweep did.
     *
     * @param deadlineAlerts alerts raised because a rule's deadline passed with nothing done (the rules run again for
     *                       each child whose next deadline has gone)
     */
    public record Swept(int overdueActions, int escalationsMoved, int deadlineAlerts) {
    }

    private final Recorder recorder;
    private final Notifications notifications;
    private final Plans plans;
    private final Meetings meetings;
    private final CoreGroup coreGroup;
    private final Escalations escalations;
    private final AlertStore alerts;
    private final RuleEngine engine;

    public Workflows(Database database, RuleEngine engine, StageLimits limits, Clock clock) {
        var workingDays = WorkingDays.englandAndWales();
        this.engine = engine;
        this.recorder = new Recorder(database, clock, engine);
        this.notifications = new Notifications(database, clock);
        this.plans = new Plans(database, recorder, clock);
        this.meetings = new Meetings(database, recorder, notifications, workingDays, clock);
        this.coreGroup = new CoreGroup(database, plans, meetings, recorder, notifications, clock);
        this.escalations = new Escalations(database, recorder, notifications, limits, workingDays, clock);
        this.alerts = new AlertStore(database, clock);
    }

    public Recorder recorder() {
        return recorder;
    }

    public Notifications notifications() {
        return notifications;
    }

    public Plans plans() {
        return plans;
    }

    public Meetings meetings() {
        return meetings;
    }

    public CoreGroup coreGroup() {
        return coreGroup;
    }

    public Escalations escalations() {
        return escalations;
    }

    public AlertStore alerts() {
        return alerts;
    }

    /** Runs the rules over the history of everyone a stored case file named (a record received from another area); returns the alerts raised. */
    public int runRules(long importId) {
        return engine == null ? 0 : alerts.refreshImport(importId, engine);
    }

    /**
     * Records overdue plan actions, moves on escalations whose stage's time has run out, and runs the rules again for
     * the children whose next deadline has passed.
     */
    public Swept sweep() {
        int actions = plans.recordOverdue();
        int moved = escalations.sweep();
        return new Swept(actions, moved, engine == null ? 0 : alerts.refreshDue(engine));
    }
}
