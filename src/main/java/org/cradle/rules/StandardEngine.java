package org.cradle.rules;

import java.io.IOException;
import java.nio.file.Path;

/** The engine with a rule folder, the shipped timescales and the England and Wales working-day calendar. */
public final class StandardEngine {

    private StandardEngine() {
    }

    public static RuleEngine from(Path rules) throws IOException, RulePack.InvalidRulePackException {
        return new RuleEngine(RulePack.load(rules), Timescales.standard(), org.cradle.rules.calendar.WorkingDays.englandAndWales());
    }
}
