package org.cradle.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/** The rules in a folder, one YAML file each; every invalid file is reported, and none is half-loaded. */
public final class RulePack {

    private RulePack() {
    }

    /** The repository's rules/ folder (beside the launcher), or ./rules. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("cradle.home", "."), "rules");
    }

    public static List<Rule> load(Path folder) throws IOException, InvalidRulePackException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no rules folder at " + folder.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        var rules = new ArrayList<Rule>();
        var faults = new ArrayList<String>();
        var seen = new HashMap<String, Path>();
        for (Path file : files) {
            try {
                Rule rule = RuleFileReader.read(file);
                Path earlier = seen.putIfAbsent(rule.id(), file);
                if (earlier != null) {
                    faults.add(file + ":1: the id \"" + rule.id() + "\" is already used by " + earlier);
                } else {
                    rules.add(rule);
                }
            } catch (InvalidRuleException e) {
                faults.add(e.getMessage());
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidRulePackException(faults);
        }
        return rules;
    }

    /** One or more rule files that cannot be used; each fault names its file and line. */
    public static final class InvalidRulePackException extends Exception {
        private final transient List<String> faults;

        InvalidRulePackException(List<String> faults) {
            super(String.join("\n", faults));
            this.faults = List.copyOf(faults);
        }

        public List<String> faults() {
            return faults;
        }
    }
}
