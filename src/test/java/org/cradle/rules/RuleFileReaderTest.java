package org.cradle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.cradle.casefile.Vocabulary;
import org.junit.jupiter.api.Test;

/** Rule files a safeguarding lead can read, and a clear refusal (file, line, reason) of one that cannot be used. */
class RuleFileReaderTest {

    static final String GOOD = """
            id: threat-of-violence
            version: 1
            category: threat-of-violence
            severity: high
            to: [recording-agency]
            learning: ["Family T 5.50"]
            description: A threat to harm or kill.
            pattern:
              event:
                types: [statement.threat]
            """;

    static Rule read(String text) throws InvalidRuleException {
        return RuleFileReader.read("test.yaml", new StringReader(text));
    }

    @Test
    void theShippedPackLoadsAndCoversEveryAlertCategoryWithItsLearning() throws Exception {
        var rules = RulePack.load(Path.of("rules"));
        assertThat(rules.stream().map(Rule::category).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Vocabulary.standard().alertCategories());
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.learning()).isNotEmpty();
            assertThat(r.description()).hasSizeGreaterThan(40);
        });
        assertThat(rules).filteredOn(r -> r.severity().equals("urgent")).allSatisfy(r -> assertThat(r.action()).contains("today"));
    }

    @Test
    void aGoodFileReadsAsARule() throws Exception {
        Rule rule = read(GOOD);
        assertThat(rule.key()).isEqualTo("threat-of-violence@1");
        assertThat(rule.pattern()).isInstanceOf(Pattern.OnEvent.class);
    }

    @Test
    void faultsNameTheLine() {
        assertThatThrownBy(() -> read(GOOD.replace("category: threat-of-violence", "category: threats")))
                .hasMessageStartingWith("test.yaml:3: not a category: \"threats\"");
        assertThatThrownBy(() -> read(GOOD.replace("    types: [statement.threat]", "    types: [statement.threat]\n    colour: red")))
                .hasMessage("test.yaml:11: unknown key \"colour\" (expected types, where, who)");
        assertThatThrownBy(() -> read(GOOD + "    where: e.type ==\n"))
                .hasMessageStartingWith("test.yaml:11: the condition is not valid CEL");
        assertThatThrownBy(() -> read(GOOD.replace("  event:\n    types: [statement.threat]", "  count:\n    match: {types: [x]}\n    at_least: 2\n    within: a while")))
                .hasMessageStartingWith("test.yaml:12: not a length of time: \"a while\"");
        assertThatThrownBy(() -> read("id: [unclosed\n")).hasMessageStartingWith("test.yaml:2: not valid YAML");
        assertThatThrownBy(() -> read(GOOD.replace("learning: [\"Family T 5.50\"]", "learning: []")))
                .hasMessageContaining("every rule cites the review learning it comes from");
    }

    @Test
    void aConditionThatLoopsWithoutEndIsStoppedNotHung() {
        var loop = Conditions.compile("[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, true))))");
        assertThat(loop.test(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of())).isFalse();
    }
}
