package org.cradle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A partnership's timescales: the national defaults from Working Together, and each area's own (pre-birth
 * assessment and conference weeks, visit frequency), in one configuration file. Rules name a timescale
 * ("within: initial-conference") rather than fixing a number, so a partnership changes it in one place.
 */
public final class Timescales {

    private final Map<String, Span> national;
    private final Map<String, Map<String, Span>> byArea;

    private Timescales(Map<String, Span> national, Map<String, Map<String, Span>> byArea) {
        this.national = national;
        this.byArea = byArea;
    }

    /** The timescales shipped with Cradle (src/main/resources/org/cradle/rules/timescales.yaml). */
    public static Timescales standard() {
        try (InputStream in = Timescales.class.getResourceAsStream("timescales.yaml")) {
            return read(new ObjectMapper(new YAMLFactory()).readTree(in), "timescales.yaml");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Timescales read(Path file) throws IOException {
        return read(new ObjectMapper(new YAMLFactory()).readTree(Files.newBufferedReader(file)), file.toString());
    }

    private static Timescales read(JsonNode root, String name) {
        var national = spans(root.path("national"), name + ": national");
        var byArea = new HashMap<String, Map<String, Span>>();
        root.path("areas").fields().forEachRemaining(a -> byArea.put(a.getKey(), spans(a.getValue(), name + ": areas." + a.getKey())));
        return new Timescales(national, byArea);
    }

    private static Map<String, Span> spans(JsonNode node, String where) {
        var out = new HashMap<String, Span>();
        node.fields().forEachRemaining(f -> {
            try {
                out.put(f.getKey(), Span.parse(f.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + f.getKey() + ": " + e.getMessage(), e);
            }
        });
        return Map.copyOf(out);
    }

    /** The span a rule's "within" names in an area: the area's own if it sets one, else the national default. */
    public Span resolve(String name, String area) {
        Span local = byArea.getOrDefault(area, Map.of()).get(name);
        Span span = local != null ? local : national.get(name);
        if (span == null) {
            throw new IllegalArgumentException("no timescale called \"" + name + "\" (known: " + String.join(", ", national.keySet()) + ")");
        }
        return span;
    }

    public boolean knows(String name) {
        return national.containsKey(name);
    }
}
