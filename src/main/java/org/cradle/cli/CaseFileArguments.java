package org.cradle.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The FILE arguments of a command: those that exist, each missing one reported as "FILE: no such file". */
record CaseFileArguments(List<Path> existing, boolean anyMissing) {

    static CaseFileArguments of(List<Path> files, PrintWriter err) {
        var missing = files.stream().filter(f -> !Files.isRegularFile(f)).toList();
        missing.forEach(f -> err.println(f + ": no such file"));
        return new CaseFileArguments(files.stream().filter(Files::isRegularFile).toList(), !missing.isEmpty());
    }
}
