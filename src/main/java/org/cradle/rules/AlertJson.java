package org.cradle.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cradle.casefile.Json;

/** An alert in the case-file format's JSON (what a replay prints, one per line). */
public final class AlertJson {

    private AlertJson() {
    }

    public static ObjectNode of(Alert a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("category", a.category()).put("rule", a.rule()).put("subject", a.subject());
        a.about().forEach(n.putArray("about")::add);
        n.put("raised_on", a.raisedOn().toString()).put("severity", a.severity());
        a.evidence().forEach(n.putArray("evidence")::add);
        n.put("learning", a.learning()).put("message", a.message());
        return n;
    }
}
