package org.cradle.casefile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The case files encoded from the five published case reviews (examples/), and the format's worked example. */
public final class Seeds {

    public static final Path EXAMPLES = Path.of("examples");
    public static final Path FAMILY_T_WORKED_EXAMPLE = Path.of("../shared/spec/examples/family-t.casefile.json");

    private Seeds() {
    }

    public static Path file(String name) {
        return EXAMPLES.resolve(name + ".casefile.json");
    }

    public static List<Path> five() {
        return Stream.of("baby-o", "baby-s", "child-e", "child-j", "family-t").map(Seeds::file).toList();
    }

    /** The five seed cases; the worked example too when shared/ is beside the repository. */
    public static List<Path> all() {
        var seeds = five().stream();
        return (Files.exists(FAMILY_T_WORKED_EXAMPLE) ? Stream.concat(seeds, Stream.of(FAMILY_T_WORKED_EXAMPLE)) : seeds).toList();
    }
}
