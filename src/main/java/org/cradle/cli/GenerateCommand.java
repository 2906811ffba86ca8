package org.cradle.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cradle.synthetic.SyntheticHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Write a synthetic multi-agency history as a case file (same seed, same file).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--families", defaultValue = "100", description = "how many families (default ${DEFAULT-VALUE})")
    int families;

    @Option(names = "--events-per-family", defaultValue = "200", description = "events each family's agencies record (default ${DEFAULT-VALUE})")
    int eventsPerFamily;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write (default: standard output)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Writer w = out == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new SyntheticHistory(new SyntheticHistory.Plan(families, eventsPerFamily, seed)).write(w);
        }
        return 0;
    }
}
