package org.cradle.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cradle.casefile.CaseFile;
import org.cradle.chronology.Event;
import org.cradle.rules.Alert;
import org.cradle.rules.Rule;
import org.cradle.rules.calendar.WorkingDays;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;
import org.kie.internal.utils.KieHelper;

/**
 * The rules benchmark's peer: the three representative rules in DRL (org/cradle/bench/peer-rules.drl) on Drools
 * CEP in STREAM mode with a pseudo clock. Each child's stream (as Cradle scopes it) goes through a session of its own:
 * the clock is moved to each event's day, letting deadlines fall due, then the event is inserted and the rules fired.
 */
public final class DroolsPeer {

    static final String DRL = "peer-rules.drl";
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final KieBase base;
    private final KieSessionConfiguration sessions;
    private final Map<String, Rule> rules = new HashMap<>();
    private final WorkingDays working;

    /** @param rules the YAML rules the DRL rewrites, for the alerts' category and severity (by id@version) */
    public DroolsPeer(List<Rule> rules, WorkingDays working) {
        rules.forEach(r -> this.rules.put(r.key(), r));
        this.working = working;
        this.base = new KieHelper().addContent(drl(), ResourceType.DRL).build(EventProcessingOption.STREAM);
        this.sessions = KieServices.Factory.get().newKieSessionConfiguration();
        sessions.setOption(ClockTypeOption.PSEUDO);
    }

    /** The DRL text, as shipped. */
    public static String drl() {
        try (InputStream in = DroolsPeer.class.getResourceAsStream(DRL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Children side by side on the machine's cores, as Cradle's engine replays them: each child's stream gathered,
     * then a session of its own (one compiled base).
     */
    public List<Alert> replay(CaseFile file, LocalDate until) {
        var scopes = ChildScopes.of(file, until);
        var children = scopes.children();
        var alerts = new ArrayList<Alert>();
        (children.size() > 1 ? children.parallelStream() : children.stream()).map(c -> run(scopes.scope(c))).toList().forEach(alerts::addAll);
        alerts.sort(Comparator.comparing(Alert::raisedOn).thenComparing(Alert::subject).thenComparing(Alert::category).thenComparing(Alert::rule));
        return alerts;
    }

    private List<Alert> run(ChildScopes.Scope scope) {
        var alerts = new ArrayList<Alert>();
        if (scope.events().isEmpty()) {
            return alerts;
        }
        KieSession session = base.newKieSession(sessions, null);
        try {
            session.setGlobal("alerts", new PeerAlerts(rules, scope.child().id(), alerts));
            session.setGlobal("working", working);
            var child = scope.child();
            session.insert(new PeerChild(child.id(), child.birth() == null ? null : child.birth().first(),
                    child.expected() == null ? null : child.expected().first(), scope.socialCareAgencies()));
            SessionPseudoClock clock = session.getSessionClock();
            // The clock counts days from the stream's first, so that any date (a grandparent's 1960s record) fits.
            long origin = scope.events().get(0).occurred().first().toEpochDay();
            int seq = 0;
            for (Event e : scope.events()) {
                advance(session, clock, e.occurred().first().toEpochDay() - origin);
                session.insert(new PeerEvent(e, seq++, e.people().contains(child.id())));
                session.fireAllRules();
            }
            advance(session, clock, scope.end().toEpochDay() - origin);
        } finally {
            session.dispose();
        }
        return alerts;
    }

    /** Moves the clock on to the day (never back), firing what fell due. */
    private static void advance(KieSession session, SessionPseudoClock clock, long day) {
        long by = day * DAY_MILLIS - clock.getCurrentTime();
        if (by > 0) {
            clock.advanceTime(by, TimeUnit.MILLISECONDS);
            session.fireAllRules();
        }
    }
}
