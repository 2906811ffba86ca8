package org.cradle.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cradle.store.Database;
import org.cradle.store.Exporter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Write a case file: one person's chronology, or the whole store.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--person", paramLabel = "ID", description = "store id of the person (see GET /api/people?q=)")
        Long person;

        @Option(names = "--all", description = "everything in the store")
        boolean all;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "where to write (default: standard output)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Database db = store.open();
             Writer writer = out == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            var exporter = new Exporter(db);
            if (which.all) {
                exporter.exportAll(writer);
            } else {
                exporter.exportPerson(which.person, writer);
            }
        }
        return 0;
    }
}
