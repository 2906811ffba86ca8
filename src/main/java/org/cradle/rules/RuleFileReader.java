package org.cradle.rules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.casefile.Vocabulary;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one rule file (YAML); a fault is reported with the file, the line and what to change. */
public final class RuleFileReader {

    private static final Set<String> SEVERITIES = Set.of("urgent", "high", "medium", "low");
    private static final Set<String> WHO = Set.of("child", "adult", "anyone");
    private static final Set<String> RECIPIENTS = Set.of("lead-professional", "manager", "recording-agency", "safeguarding-lead", "core-group");
    private static final Set<String> PATTERNS = Set.of("event", "count", "absence", "sequence", "state", "score");

    private final String file;

    private RuleFileReader(String file) {
        this.file = file;
    }

    public static Rule read(Path path) throws IOException, InvalidRuleException {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(path.toString(), in);
        }
    }

    public static Rule read(String name, Reader in) throws InvalidRuleException {
        var reader = new RuleFileReader(name);
        Node root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(in);
        } catch (MarkedYAMLException e) {
            throw new InvalidRuleException(name, e.getProblemMark().getLine() + 1, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new InvalidRuleException(name, 1, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode map)) {
            throw new InvalidRuleException(name, 1, "a rule file is a set of keys: id, version, category, severity, to, learning, description, pattern");
        }
        return reader.rule(map);
    }

    private Rule rule(MappingNode root) throws InvalidRuleException {
        var keys = keys(root, Set.of("id", "version", "category", "severity", "to", "learning", "description", "action", "about", "pattern"));
        String id = text(root, keys, "id", true);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw fault(keys.get("id"), "an id is lower-case words joined by hyphens, not \"" + id + "\"");
        }
        int version = integer(keys, "version");
        String category = word(root, keys, "category", Vocabulary.standard().alertCategories());
        String severity = word(root, keys, "severity", SEVERITIES);
        List<String> to = texts(root, keys, "to");
        for (String r : to) {
            if (!RECIPIENTS.contains(r)) {
                throw fault(keys.get("to"), "not a recipient: \"" + r + "\" (one of " + String.join(", ", RECIPIENTS) + ")");
            }
        }
        List<String> learning = texts(root, keys, "learning");
        if (learning.isEmpty()) {
            throw fault(root, "every rule cites the review learning it comes from: add learning: [\"document paragraph\"]");
        }
        String description = text(root, keys, "description", true);
        String action = text(root, keys, "action", false);
        String about = text(root, keys, "about", false);
        if (about != null) {
            try {
                Conditions.check(about);
            } catch (IllegalArgumentException e) {
                throw fault(keys.get("about"), "about is not valid CEL: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Node pattern = keys.get("pattern");
        if (pattern == null) {
            throw fault(root, "missing: pattern (one of " + String.join(", ", PATTERNS) + ")");
        }
        return new Rule(id, version, category, severity, to, learning, description.strip(), action == null ? null : action.strip(),
                about, pattern(pattern), file);
    }

    private Pattern pattern(Node node) throws InvalidRuleException {
        if (!(node instanceof MappingNode map) || map.getValue().size() != 1) {
            throw fault(node, "a pattern is exactly one of " + String.join(", ", PATTERNS));
        }
        String kind = ((ScalarNode) map.getValue().get(0).getKeyNode()).getValue();
        Node body = map.getValue().get(0).getValueNode();
        switch (kind) {
            case "event":
                return new Pattern.OnEvent(match(body));
            case "count": {
                var k = keys(body, Set.of("match", "at_least", "within"));
                return new Pattern.Count(match(required(body, k, "match")), integer(k, "at_least"), span(body, k, "within"));
            }
            case "absence": {
                var k = keys(body, Set.of("after", "expect", "within", "unless"));
                return new Pattern.Absence(match(required(body, k, "after")), match(required(body, k, "expect")), span(body, k, "within"),
                        k.containsKey("unless") ? match(k.get("unless")) : null);
            }
            case "sequence": {
                var k = keys(body, Set.of("first", "then", "within"));
                return new Pattern.Sequence(match(required(body, k, "first")), match(required(body, k, "then")), span(body, k, "within"));
            }
            case "state": {
                var k = keys(body, Set.of("when", "at"));
                return new Pattern.State(text(body, k, "when", true), k.containsKey("at") ? match(k.get("at")) : new Match(List.of(), "anyone", null));
            }
            case "score": {
                var k = keys(body, Set.of("points", "within", "threshold"));
                if (!(required(body, k, "points") instanceof SequenceNode list) || list.getValue().isEmpty()) {
                    throw fault(k.get("points"), "points is a list of {match: ..., points: N}");
                }
                var weights = new ArrayList<Pattern.Weight>();
                for (Node item : list.getValue()) {
                    var w = keys(item, Set.of("match", "points"));
                    weights.add(new Pattern.Weight(match(required(item, w, "match")), integer(w, "points")));
                }
                return new Pattern.Score(weights, span(body, k, "within"), integer(k, "threshold"));
            }
            default:
                throw fault(map.getValue().get(0).getKeyNode(), "not a pattern: \"" + kind + "\" (one of " + String.join(", ", PATTERNS) + ")");
        }
    }

    private Match match(Node node) throws InvalidRuleException {
        var k = keys(node, Set.of("types", "who", "where"));
        List<String> types = k.containsKey("types") ? texts(node, k, "types") : List.of();
        String who = k.containsKey("who") ? word(node, k, "who", WHO) : "anyone";
        String where = text(node, k, "where", false);
        if (where != null) {
            try {
                Conditions.check(where);
            } catch (IllegalArgumentException e) {
                throw fault(k.get("where"), "the condition is not valid CEL: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return new Match(types, who, where);
    }

    // ---- YAML helpers: each fault names the line of the node it is about

    private Map<String, Node> keys(Node node, Set<String> allowed) throws InvalidRuleException {
        if (!(node instanceof MappingNode map)) {
            throw fault(node, "expected keys (" + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
        var keys = new LinkedHashMap<String, Node>();
        for (var tuple : map.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                throw fault(tuple.getKeyNode(), "unknown key \"" + key + "\" (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            keys.put(key, tuple.getValueNode());
        }
        return keys;
    }

    private Node required(Node parent, Map<String, Node> keys, String key) throws InvalidRuleException {
        Node node = keys.get(key);
        if (node == null) {
            throw fault(parent, "missing: " + key);
        }
        return node;
    }

    private String text(Node parent, Map<String, Node> keys, String key, boolean required) throws InvalidRuleException {
        Node node = keys.get(key);
        if (node == null) {
            if (required) {
                throw fault(parent, "missing: " + key);
            }
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            throw fault(node, key + " must be text");
        }
        return s.getValue();
    }

    private List<String> texts(Node parent, Map<String, Node> keys, String key) throws InvalidRuleException {
        Node node = required(parent, keys, key);
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(node instanceof SequenceNode list)) {
            throw fault(node, key + " must be a list");
        }
        var out = new ArrayList<String>();
        for (Node item : list.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw fault(item, key + " must be a list of words");
            }
            out.add(s.getValue());
        }
        return out;
    }

    private String word(Node parent, Map<String, Node> keys, String key, Set<String> words) throws InvalidRuleException {
        String value = text(parent, keys, key, true);
        if (!words.contains(value)) {
            throw fault(keys.get(key), "not a " + key + ": \"" + value + "\" (one of " + String.join(", ", new java.util.TreeSet<>(words)) + ")");
        }
        return value;
    }

    private int integer(Map<String, Node> keys, String key) throws InvalidRuleException {
        Node node = keys.get(key);
        if (node == null) {
            throw new InvalidRuleException(file, 1, "missing: " + key);
        }
        try {
            int n = Integer.parseInt(((ScalarNode) node).getValue());
            if (n < 1) {
                throw fault(node, key + " must be 1 or more");
            }
            return n;
        } catch (NumberFormatException | ClassCastException e) {
            throw fault(node, key + " must be a whole number");
        }
    }

    private Window span(Node parent, Map<String, Node> keys, String key) throws InvalidRuleException {
        String text = text(parent, keys, key, true);
        try {
            return Window.parse(text);
        } catch (IllegalArgumentException e) {
            throw fault(keys.get(key), e.getMessage());
        }
    }

    private InvalidRuleException fault(Node node, String reason) {
        return new InvalidRuleException(file, node == null ? 1 : node.getStartMark().getLine() + 1, reason);
    }
}
