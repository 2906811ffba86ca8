package org.cradle.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cradle.store.Database;
import org.cradle.access.Right;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", description = "Write a case file: one person's chronology, or the whole store, as an audited operator; "
        + "confidential addresses and sealed records are left out unless asked for with a purpose.")
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

    @Mixin
    OperatorOptions operator;

    @Option(names = "--with-confidential-addresses", description = "include confidential addresses (refuges, hidden homes): needs --purpose")
    boolean addresses;

    @Option(names = "--with-sealed", description = "include sealed records: needs --purpose")
    boolean sealed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((addresses || sealed) && (operator.purpose == null || operator.purpose.isBlank())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--with-confidential-addresses and --with-sealed need --purpose: why the export must carry them");
        }
        var rights = java.util.EnumSet.noneOf(Right.class);
        if (addresses) {
            rights.add(Right.CONFIDENTIAL_ADDRESSES);
        }
        if (sealed) {
            rights.add(Right.SEALED_RECORDS);
        }
        try (Database db = store.open();
             Writer writer = out == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            var records = OperatorOptions.records(db);
            if (which.all) {
                records.exportAll(operator.actor(rights), writer);
            } else {
                records.exportPerson(operator.actor(rights), which.person, writer);
            }
        }
        return 0;
    }
}
