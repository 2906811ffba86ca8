package org.cradle.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each escalation stage's time limit in working days, per safeguarding partnership (area), read from a YAML file. */
public final class StageLimits {

    /** The four stages, in order. */
    public static final List<String> STAGES = List.of("practitioners", "managers", "senior-managers", "partnership");

    private final int[] national;
    private final Map<String, int[]> byArea;

    private StageLimits(int[] national, Map<String, int[]> byArea) {
        this.national = national;
        this.byArea = byArea;
    }

    /** The limits shipped with Cradle (src/main/resources/org/cradle/escalation/stages.yaml). */
    public static StageLimits standard() {
        try (InputStream in = StageLimits.class.getResourceAsStream("stages.yaml")) {
            return read(new ObjectMapper(new YAMLFactory()).readTree(in), "stages.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partnership's own file when {@code $CRADLE_ESCALATION_STAGES} names one, else the shipped limits. */
    public static StageLimits configured() {
        String file = System.getenv("CRADLE_ESCALATION_STAGES");
        if (file == null || file.isBlank()) {
            return standard();
        }
        try {
            return read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static StageLimits read(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file)) {
            return read(new ObjectMapper(new YAMLFactory()).readTree(reader), file.toString());
        }
    }

    private static StageLimits read(JsonNode root, String name) {
        int[] national = limits(root.path("national"), name + ": national");
        var byArea = new HashMap<String, int[]>();
        root.path("areas").fields().forEachRemaining(a -> byArea.put(a.getKey(), limits(a.getValue(), name + ": areas." + a.getKey())));
        return new StageLimits(national, byArea);
    }

    private static int[] limits(JsonNode node, String where) {
        int[] out = new int[STAGES.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(STAGES.get(i));
            if (v == null || !v.canConvertToInt() || v.asInt() < 1) {
                throw new IllegalArgumentException(where + "." + STAGES.get(i) + ": a whole number of working days, at least 1");
            }
            out[i] = v.asInt();
        }
        return out;
    }

    /** The working days stage {@code stage} (1 to 4) has in an area. */
    public int workingDays(String area, int stage) {
        return byArea.getOrDefault(area, national)[stage - 1];
    }
}
