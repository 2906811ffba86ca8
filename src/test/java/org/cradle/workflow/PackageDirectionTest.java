package org.cradle.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows' packages depend on each other one way only: transfer carries the workflows (workflow, plan,
 * escalation), workflow gathers plan and escalation, escalation uses plan's actor and inbox; never back.
 */
class PackageDirectionTest {

    private static final Path SOURCES = Path.of("src/main/java/org/cradle");
    private static final Pattern REFERENCE = Pattern.compile("org\\.cradle\\.([a-z]+)\\.");
    private static final List<String> WORKFLOW_PACKAGES = List.of("transfer", "workflow", "escalation", "plan");

    @Test
    void noWorkflowPackageIsReachedBackFromWhatItUses() throws IOException {
        Map<String, Set<String>> uses = uses();
        for (String from : WORKFLOW_PACKAGES) {
            for (String to : uses.getOrDefault(from, Set.of())) {
                assertThat(reachable(uses, to)).as(from + " uses " + to + ", which must not lead back to " + from).doesNotContain(from);
            }
        }
        assertThat(uses.get("transfer")).as("the transfers carry the workflows").contains("workflow");
        assertThat(uses.get("workflow")).doesNotContain("transfer");
    }

    /** Each package's references to the others, from its sources (imports and names written out in full). */
    private static Map<String, Set<String>> uses() throws IOException {
        var uses = new HashMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                var matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        uses.computeIfAbsent(from, k -> new HashSet<>()).add(matcher.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        var seen = new HashSet<String>();
        var next = new java.util.ArrayDeque<String>(List.of(start));
        while (!next.isEmpty()) {
            String p = next.pop();
            if (seen.add(p)) {
                next.addAll(uses.getOrDefault(p, Set.of()));
            }
        }
        return seen;
    }
}
