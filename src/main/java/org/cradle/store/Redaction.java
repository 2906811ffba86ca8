package org.cradle.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.cradle.access.AccessPolicy;
import org.cradle.access.Actor;
import org.cradle.access.Item;
import org.cradle.access.Sensitivity;
import org.cradle.access.Standing;
import org.cradle.casefile.Json;
import org.cradle.chronology.Chronology;

/**
 * What of a record may leave the store for one actor: applies the access policy's decisions to the documents
 * themselves (event and person JSON), so that a chronology, an export and a transfer all carry the same view.
 * Most documents carry nothing sensitive and pass through unparsed.
 */
final class Redaction {

    static final String ADDRESS_WITHHELD = "[confidential address withheld]";

    private final AccessPolicy policy;
    private final Actor actor;
    private final Standing standing;
    private final boolean addresses;
    private final Set<String> secrets;
    private final LongFunction<Chronology.AgencyRef> agencies;

    /**
     * @param secrets  the lines and postcodes of the confidential addresses of the people concerned, scrubbed from any
     *                 text they turn up in
     * @param agencies an agency by store id
     */
    Redaction(AccessPolicy policy, Actor actor, Standing standing, Set<String> secrets, LongFunction<Chronology.AgencyRef> agencies) {
        this.policy = policy;
        this.actor = actor;
        this.standing = standing;
        this.addresses = policy.confidentialAddresses(actor, standing);
        this.secrets = secrets;
        this.agencies = agencies;
    }

    /** The lines and postcodes of the confidential addresses in these person documents. */
    static Set<String> confidentialAddresses(List<String> personDocuments) {
        var out = new HashSet<String>();
        for (String doc : personDocuments) {
            if (!doc.contains("confidential")) {
                continue;
            }
            for (JsonNode a : Json.read(doc).path("addresses")) {
                if (a.path("confidential").asBoolean(false)) {
                    for (String field : List.of("line", "postcode")) {
                        String text = a.path(field).asText("").trim();
                        if (text.length() >= 3) {
                            out.add(text);
                        }
                    }
                }
            }
        }
        return out;
    }

    static String key(Chronology.AgencyRef a) {
        return a.area() + "/" + a.localId();
    }

    /** A chronology entry as the actor may see it: whole, with address parts taken out, or withheld with the reason. */
    Chronology.Entry entry(Chronology.Entry e) {
        var knew = new HashSet<String>();
        e.knownTo().forEach(k -> knew.add(key(agencies.apply(k.agency()))));
        String document = event(e.document(), e.type(), e.agency(), knew);
        if (document == e.document()) {
            return e;
        }
        JsonNode doc = Json.read(document);
        String summary = doc.path("summary").isTextual() ? doc.path("summary").asText() : null;
        return new Chronology.Entry(e.id(), e.localId(), doc.path("type").asText(), e.occurred(), e.recorded(), e.recordedOn(),
                summary, e.agency(), e.people(), e.knownTo(), e.supersededBy(), document);
    }

    /**
     * An event document as the actor may see it (the same string when nothing in it is kept from them).
     *
     * @param type       the event's type
     * @param recordedBy the agency that recorded it
     * @param knownTo    the agencies that knew it ({@code AREA/LOCAL-ID}); may be partial where only the recording is known
     */
    String event(String document, String type, Chronology.AgencyRef recordedBy, Set<String> knownTo) {
        boolean mayHideAddress = !addresses && (document.contains("address") || document.contains("postcode")
                || document.contains("housing.refuge-entered") || secrets.stream().anyMatch(document::contains));
        boolean marked = document.contains("x_sealed") || document.contains("x_restricted_to") || document.contains("criminal-history");
        if (!mayHideAddress && !marked) {
            // Most events: the type alone says whether the policy has anything to say, without reading the document.
            var byType = Sensitivity.ofEvent(type, null, false, false);
            if (byType.isEmpty() || policy.item(actor, standing, new Item(byType, key(recordedBy), knownTo, Set.of())).shown()) {
                return document;
            }
        }
        ObjectNode doc = (ObjectNode) Json.read(document);
        JsonNode details = doc.path("details");
        var sensitivities = Sensitivity.ofEvent(type, "history.recorded".equals(type) ? details.path("kind").asText(null) : null,
                doc.path("x_sealed").asBoolean(false), carriesAddress(details));
        var restricted = new HashSet<String>();
        doc.path("x_restricted_to").forEach(a -> restricted.add(a.asText().contains("/") ? a.asText() : recordedBy.area() + "/" + a.asText()));
        var decision = policy.item(actor, standing, new Item(sensitivities, key(recordedBy), knownTo, restricted));
        if (!decision.shown()) {
            return Json.write(withheld(doc, decision.reason(), recordedBy));
        }
        if (addresses || !(sensitivities.contains(Sensitivity.CONFIDENTIAL_ADDRESS) || secrets.stream().anyMatch(document::contains))) {
            return document;
        }
        if (details instanceof ObjectNode d) {
            stripAddresses(d);
        }
        scrub(doc);
        return Json.write(doc);
    }

    /** A person document as the actor may see it: confidential addresses only with the right. */
    String person(String document) {
        if (addresses || !document.contains("confidential")) {
            return document;
        }
        ObjectNode doc = (ObjectNode) Json.read(document);
        if (doc.path("addresses") instanceof ArrayNode list) {
            for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
                if (it.next().path("confidential").asBoolean(false)) {
                    it.remove();
                }
            }
        }
        scrub(doc);
        return Json.write(doc);
    }

    boolean showsConfidentialAddresses() {
        return addresses;
    }

    /** In place of a withheld event: when, who recorded it and about whom, and why the rest is withheld. */
    private static ObjectNode withheld(ObjectNode doc, String reason, Chronology.AgencyRef recordedBy) {
        var out = Json.MAPPER.createObjectNode();
        for (String keep : List.of("id", "occurred", "recorded", "agency", "subjects")) {
            if (doc.has(keep)) {
                out.set(keep, doc.get(keep));
            }
        }
        out.put("type", "other.withheld");
        out.put("summary", "Withheld (" + reason + "): ask " + recordedBy.name());
        out.putObject("details").put("withheld", reason);
        return out;
    }

    private static boolean carriesAddress(JsonNode details) {
        for (Iterator<String> it = details.fieldNames(); it.hasNext(); ) {
            if (addressKey(it.next())) {
                return true;
            }
        }
        return false;
    }

    private static boolean addressKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("address") || k.contains("postcode");
    }

    private static void stripAddresses(ObjectNode details) {
        var withheld = new java.util.ArrayList<String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
            var field = it.next();
            if (addressKey(field.getKey())) {
                withheld.add(field.getKey());
            }
        }
        withheld.forEach(k -> details.put(k, ADDRESS_WITHHELD));
    }

    /** Replaces every confidential line or postcode wherever it appears in the text of a document. */
    private void scrub(JsonNode node) {
        if (secrets.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getValue().isTextual()) {
                    f.setValue(new TextNode(scrubbed(f.getValue().asText())));
                } else {
                    scrub(f.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, new TextNode(scrubbed(a.get(i).asText())));
                } else {
                    scrub(a.get(i));
                }
            }
        }
    }

    private String scrubbed(String text) {
        for (String s : secrets) {
            text = text.replace(s, ADDRESS_WITHHELD);
        }
        return text;
    }
}
