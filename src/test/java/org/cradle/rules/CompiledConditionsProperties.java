package org.cradle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Compiled conditions give what CEL's own interpreter gives: for every condition in the rule pack, and for
 * expressions that probe the corners of CEL (errors absorbed by {@code &&} and {@code ||}, missing keys, values of
 * the wrong kind, numbers of mixed kinds, comprehensions), over generated events, children and people whose keys
 * are sometimes missing and whose values are sometimes of an unexpected kind.
 */
class CompiledConditionsProperties {

    private static final List<String> CORNERS = List.of(
            "e.details.kind == 'core-group' || child.has_plan",
            "child.has_plan && e.details.kind == 'core-group'",
            "!(e.late_days > 3) ? e.details.outcome in ['missed', 'was-not-brought'] : size(e.subjects) >= 2",
            "e.late_days + 1 > child.age_days - 2 * e.validity",
            "e.validity == 2.0 || e.late_days < 1.5",
            "e.details.events.exists(x, x == trigger.id) && e.details.with.all(a, a in child.social_care_agencies)",
            "e.details.with.exists_one(a, a.startsWith('csc'))",
            "child.history_people.filter(p, !(p in e.covers)).map(p, p + '!')",
            "e.subjects.exists(s, child.history_people.exists(h, h == s))",
            "has(e.details.to) && e.details.to in child.social_care_agencies",
            "e.details[e.type] == 1",
            "e.subjects[1] == person.id",
            "e.summary.contains('bruise') || e.summary.endsWith('.') || e.type < 'health'",
            "e.details.kind in e.details",
            "-e.late_days < -3 && person.violent",
            "size(e.summary) > 3 && size(e.details) > 0");

    private static List<Conditions.Condition> conditions;

    @BeforeContainer
    static void compileThePackAndTheCorners() throws Exception {
        var sources = new ArrayList<>(CORNERS);
        for (Rule rule : RulePack.load(Path.of("rules"))) {
            if (rule.about() != null) {
                sources.add(rule.about());
            }
            if (rule.pattern() instanceof Pattern.State s) {
                sources.add(s.when());
            }
            RuleEngine.CompiledRule.matches(rule.pattern()).stream().map(Match::where).filter(w -> w != null).forEach(sources::add);
        }
        conditions = sources.stream().map(Conditions::compile).toList();
    }

    @Property(tries = 3000)
    void compiledConditionsAgreeWithTheInterpreter(@ForAll("events") Map<String, Object> e, @ForAll("children") Map<String, Object> child,
                                                    @ForAll("people") Map<String, Object> person, @ForAll("events") Map<String, Object> trigger) {
        for (Conditions.Condition c : conditions) {
            assertThat(normal(c.evaluate(e, child, person, trigger)))
                    .as("%s over e=%s child=%s person=%s trigger=%s", c, e, child, person, trigger)
                    .isEqualTo(normal(c.interpret(e, child, person, trigger)));
        }
    }

    @Property(tries = 1)
    void everyConditionInThePackIsCompiled() {
        assertThat(conditions).allSatisfy(c -> assertThat(c.isCompiled()).as(c.toString()).isTrue());
    }

    /**
     * What a rule takes from a value: a condition is met only by true, and an {@code about} gives a list; any other
     * outcome (an error, or the interpreter's unknown for a JSON null) is no value. Lists compare by their items.
     */
    private static Object normal(Object v) {
        return v instanceof List<?> l ? new ArrayList<>(l) : v instanceof Boolean || v instanceof String || v instanceof Number ? v : "no value";
    }

    private static final List<String> IDS = List.of("child1", "mother", "father", "csc", "csc-2", "police");
    private static final List<String> WORDS = List.of("core-group", "missed", "was-not-brought", "initial", "review", "cp-plan",
            "non-mobile", "cannot-be-ruled-out", "pre-birth", "medication-stopped", "health.injury", "referral");

    @Provide
    Arbitrary<Map<String, Object>> events() {
        return maps(Map.of(
                "id", Arbitraries.of(IDS).map(x -> (Object) x),
                "type", Arbitraries.of("health.injury", "referral", "engagement.declined", "meeting.held", "conference.held").map(x -> (Object) x),
                "summary", Arbitraries.of("a bruise.", "", "seen", "bruise on the cheek").map(x -> (Object) x),
                "late_days", numbers(),
                "validity", numbers(),
                "subjects", lists(),
                "covers", lists(),
                "details", details()));
    }

    @Provide
    Arbitrary<Map<String, Object>> children() {
        return maps(Map.of(
                "id", Arbitraries.of(IDS).map(x -> (Object) x),
                "has_plan", anything(),
                "age_days", numbers(),
                "social_care_agencies", lists(),
                "history_people", lists(),
                "unborn", Arbitraries.of(true, false).map(x -> (Object) x),
                "under_1", anything(),
                "domestic_abuse_days_ago", numbers(),
                "mobile", Arbitraries.of(true, false).map(x -> (Object) x)));
    }

    @Provide
    Arbitrary<Map<String, Object>> people() {
        return maps(Map.of("id", Arbitraries.of(IDS).map(x -> (Object) x), "violent", anything(), "role", Arbitraries.of("parent", "partner").map(x -> (Object) x)));
    }

    private static Arbitrary<Object> details() {
        return maps(Map.of(
                "kind", words(), "outcome", words(), "to", Arbitraries.of(IDS).map(x -> (Object) x), "concern", words(),
                "mobility", words(), "nai_likelihood", words(), "events", lists(), "with", lists(), "support_after", anything(),
                "health.injury", numbers())).map(m -> (Object) m);
    }

    /** A map holding each key or not, and now and then a value of another kind than the key usually has. */
    private static Arbitrary<Map<String, Object>> maps(Map<String, Arbitrary<Object>> keys) {
        List<Arbitrary<Map.Entry<String, Object>>> entries = keys.entrySet().stream()
                .map(k -> Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, k.getValue().map(v -> entry(k.getKey(), v))),
                        net.jqwik.api.Tuple.of(1, anything().injectNull(0.1).map(v -> entry(k.getKey(), v))),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just((Map.Entry<String, Object>) null))))
                .toList();
        return Combinators.combine(entries).as(list -> {
            var m = new LinkedHashMap<String, Object>();
            list.stream().filter(x -> x != null).forEach(x -> m.put(x.getKey(), x.getValue()));
            return m;
        });
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }

    private static Arbitrary<Object> words() {
        return Arbitraries.of(WORDS).map(x -> (Object) x);
    }

    private static Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 800).map(x -> (Object) x),
                Arbitraries.of(1.5, 2.0, -0.5, 14.0).map(x -> (Object) x),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE).map(x -> (Object) x));
    }

    private static Arbitrary<Object> lists() {
        return Arbitraries.of(IDS).list().ofMaxSize(4).map(x -> (Object) x);
    }

    /** A value of any kind an event's JSON can hold. */
    private static Arbitrary<Object> anything() {
        return Arbitraries.oneOf(Stream.of(
                Arbitraries.of(true, false).map(x -> (Object) x), numbers(), words(), lists(),
                Arbitraries.just(new java.math.BigDecimal("2.50")).map(x -> (Object) x),
                Arbitraries.just(Map.of("kind", "core-group")).map(x -> (Object) x)).toList());
    }
}
