package org.cradle.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.cradle.casefile.CaseFileValidator;
import org.cradle.casefile.Validation;
import org.cradle.casefile.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Check case files against the format without storing anything.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var validator = new CaseFileValidator(Vocabulary.standard(), Clock.systemDefaultZone());
        var arguments = CaseFileArguments.of(files, spec.commandLine().getErr());
        int status = arguments.anyMissing() ? 1 : 0;
        for (Path file : arguments.existing()) {
            Validation v = validator.validate(file);
            v.faults().forEach(f -> spec.commandLine().getErr().println(file + ": " + f));
            v.warnings().forEach(f -> spec.commandLine().getErr().println(file + ": warning: " + f));
            if (v.ok()) {
                spec.commandLine().getOut().println(file + ": valid (" + v.counts() + ")");
            } else {
                status = 1;
            }
        }
        return status;
    }
}
