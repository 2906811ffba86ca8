package org.cradle.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;
import org.cradle.rules.Alert;
import org.cradle.rules.AlertJson;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Read case files into memory, run the rules in event time, print one alert per line (JSON) and a summary on stderr.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "DIR", description = "the rule files (default: the repository's rules/)")
    Path rules;

    @Option(names = "--until", paramLabel = "DATE", description = "stop the clock on this day (default: each file's last event)")
    LocalDate until;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RuleEngine engine;
        try {
            engine = org.cradle.rules.StandardEngine.from(rules != null ? rules : RulePack.defaultFolder());
        } catch (RulePack.InvalidRulePackException e) {
            e.faults().forEach(err::println);
            return 1;
        }
        var arguments = CaseFileArguments.of(files, err);
        int status = arguments.anyMissing() ? 1 : 0;
        for (Path file : arguments.existing()) {
            CaseFile caseFile;
            try {
                caseFile = CaseFile.load(file, Clock.systemDefaultZone());
            } catch (InvalidCaseFileException e) {
                e.faults().forEach(f -> err.println(file + ": " + f));
                status = 1;
                continue;
            }
            List<Alert> alerts = engine.replay(caseFile, until);
            Map<String, Integer> byCategory = new TreeMap<>();
            for (Alert a : alerts) {
                out.println(Json.write(AlertJson.of(a)));
                byCategory.merge(a.category(), 1, Integer::sum);
            }
            err.println(file + ": " + caseFile.events().size() + " events, " + alerts.size() + " alerts " + byCategory);
        }
        return status;
    }
}
