package org.cradle.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The words a case file may use, read from {@code vocabulary.yaml} (a transcription of the format's spec). */
public final class Vocabulary {

    /** What one details key must hold. */
    public record DetailRule(String key, boolean required, String kind, Set<String> words) {
        boolean isList() {
            return kind.equals("agencies") || kind.equals("people") || kind.equals("events") || kind.equals("words");
        }
    }

    private static final Vocabulary STANDARD = load();

    private final Set<String> agencyKinds;
    private final Set<String> personKinds;
    private final Set<String> relationshipTypes;
    private final Set<String> involvement;
    private final Set<String> sourceKinds;
    private final Set<String> alertCategories;
    private final Map<String, List<DetailRule>> eventTypes;

    private Vocabulary(JsonNode root) {
        agencyKinds = words(root.get("agency_kinds"));
        personKinds = words(root.get("person_kinds"));
        relationshipTypes = words(root.get("relationship_types"));
        involvement = words(root.get("involvement"));
        sourceKinds = words(root.get("source_kinds"));
        alertCategories = words(root.get("alert_categories"));
        eventTypes = new LinkedHashMap<>();
        root.get("event_types").fields().forEachRemaining(type -> {
            var rules = new java.util.ArrayList<DetailRule>();
            type.getValue().fields().forEachRemaining(d -> rules.add(rule(d.getKey(), d.getValue())));
            eventTypes.put(type.getKey(), List.copyOf(rules));
        });
    }

    public static Vocabulary standard() {
        return STANDARD;
    }

    private static Vocabulary load() {
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.yaml")) {
            return new Vocabulary(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DetailRule rule(String name, JsonNode spec) {
        boolean required = name.endsWith("*");
        String key = required ? name.substring(0, name.length() - 1) : name;
        if (spec.isArray() && spec.size() == 1 && spec.get(0).isArray()) {
            return new DetailRule(key, required, "words", words(spec.get(0)));
        }
        if (spec.isArray()) {
            return new DetailRule(key, required, "word", words(spec));
        }
        return new DetailRule(key, required, spec.asText(), Set.of());
    }

    private static Set<String> words(JsonNode list) {
        var set = new LinkedHashSet<String>();
        list.forEach(w -> set.add(w.asText()));
        return Set.copyOf(set);
    }

    public Set<String> agencyKinds() {
        return agencyKinds;
    }

    public Set<String> personKinds() {
        return personKinds;
    }

    public Set<String> relationshipTypes() {
        return relationshipTypes;
    }

    public Set<String> involvement() {
        return involvement;
    }

    public Set<String> sourceKinds() {
        return sourceKinds;
    }

    public Set<String> alertCategories() {
        return alertCategories;
    }

    public boolean isKnownType(String type) {
        return eventTypes.containsKey(type);
    }

    /** The details rules of a type; empty for {@code other.*} and unknown types (free details). */
    public List<DetailRule> detailRules(String type) {
        return eventTypes.getOrDefault(type, List.of());
    }

    public Set<String> eventTypes() {
        return eventTypes.keySet();
    }
}
