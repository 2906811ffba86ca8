package org.cradle.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cradle.rules.Alert;
import org.cradle.rules.Rule;

/** Where the Drools peer's consequences raise alerts (a session global): one child's, as Cradle's alerts. */
public final class PeerAlerts {

    private final Map<String, Rule> rules;
    private final String child;
    private final List<Alert> raised;

    PeerAlerts(Map<String, Rule> rules, String child, List<Alert> raised) {
        this.rules = rules;
        this.child = child;
        this.raised = raised;
    }

    /** @param evidence the {@link PeerEvent}s that made it, in the order they came */
    public void raise(String ruleKey, LocalDate on, List<?> evidence) {
        Rule rule = rules.get(ruleKey);
        var ids = new ArrayList<String>();
        for (Object e : evidence) {
            String id = ((PeerEvent) e).getId();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        // Who it is about, the learning and the message are Cradle's presentation, not compared: left empty.
        raised.add(new Alert(rule.category(), ruleKey, child, List.of(), on, rule.severity(), List.copyOf(ids), "", ""));
    }
}
