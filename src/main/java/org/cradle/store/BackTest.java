package org.cradle.store;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cradle.rules.Alert;
import org.cradle.rules.RuleEngine;

/**
 * Runs a new or changed rule over every child in the store, without storing anything, and counts the alerts it
 * would have raised per month and per team (the agency that recorded the first evidence): alert fatigue is a harm
 * too, so a rule's volume is known before it is switched on.
 */
public final class BackTest {

    /** What a rule would have raised: totals, per month (YYYY-MM) and per team (agency name). */
    public record Report(int children, int alerts, Map<String, Integer> byMonth, Map<String, Integer> byTeam) {
    }

    private final Database database;
    private final Clock clock;

    BackTest(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Report run(RuleEngine engine) {
        var reader = new ChronologyReader(database);
        var histories = new StoredHistory();
        List<Long> children = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE kind <> 'adult' ORDER BY id")
                .mapTo(Long.class).list());
        var byMonth = new TreeMap<String, Integer>();
        var byTeam = new TreeMap<String, Integer>();
        var seen = new java.util.HashSet<String>();
        int total = 0;
        for (long child : children) {
            List<Alert> alerts = database.jdbi().withHandle(h -> engine.replay(histories.of(h, child, reader.network(h, child, null)), LocalDate.now(clock)));
            for (Alert a : alerts) {
                // A family's history is replayed once per child in it: count each child's alert once.
                if (!seen.add(a.rule() + "|" + a.subject() + "|" + a.evidence().get(0))) {
                    continue;
                }
                total++;
                byMonth.merge(a.raisedOn().toString().substring(0, 7), 1, Integer::sum);
                long event = Long.parseLong(a.evidence().get(0).substring(1));
                String team = database.jdbi().withHandle(h -> h.createQuery(
                                "SELECT a.name FROM event e JOIN agency a ON a.id = e.agency_id WHERE e.id = :id")
                        .bind("id", event).mapTo(String.class).one());
                byTeam.merge(team, 1, Integer::sum);
            }
        }
        return new Report(children.size(), total, byMonth, byTeam);
    }
}
