package org.cradle.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RuleFileReader;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backtest", description = "Run one rule file over the whole store (nothing is stored) and report the alerts it would have raised per month and per team.")
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "RULE", description = "a rule file (YAML)")
    Path rule;

    @Mixin
    OperatorOptions operator;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        RuleEngine engine;
        try {
            engine = new RuleEngine(List.of(RuleFileReader.read(rule)), Timescales.standard(), WorkingDays.englandAndWales());
        } catch (org.cradle.rules.InvalidRuleException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        try (Database db = store.open()) {
            var report = OperatorOptions.records(db).backtest(operator.actor(java.util.Set.of()), engine);
            out.printf("%s over %,d children: %,d alerts%n", rule.getFileName(), report.children(), report.alerts());
            out.println("per month:");
            report.byMonth().forEach((month, n) -> out.printf("  %s  %5d%n", month, n));
            out.println("per team (agency of the first evidence):");
            report.byTeam().forEach((team, n) -> out.printf("  %5d  %s%n", n, team));
        }
        return 0;
    }
}
