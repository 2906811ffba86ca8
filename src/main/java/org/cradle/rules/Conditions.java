package org.cradle.rules;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.Set;

/**
 * Rule conditions in CEL (Google's Common Expression Language) over maps: {@code e} the event, {@code child}
 * the child's state at the time, {@code person} the adult involved (empty when the event is about the child), and
 * for an absence's expected event, {@code trigger}: the event that started the wait.
 *
 * <p>Bounded so that no rule can stall the engine: comprehensions stop after 1,000 iterations and regular
 * expressions are size-limited; CEL has no other loops. A condition that cannot be evaluated (a missing key not
 * guarded by {@code has()}) counts as not met.
 */
public final class Conditions {

    /** How many comprehension iterations one evaluation may take, in all. */
    static final int MAX_ITERATIONS = 1_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxRegexProgramSize(200)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    private static final MapType MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("e", MAP).addVar("child", MAP).addVar("person", MAP).addVar("trigger", MAP)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    /** A compiled condition, evaluated many times. */
    public static final class Condition {
        private final String source;
        private final CelRuntime.Program program;
        private final CompiledExpression.Compiled compiled;
        private final boolean eventOnly;

        private Condition(String source, CelRuntime.Program program, CompiledExpression.Compiled compiled, boolean eventOnly) {
            this.source = source;
            this.program = program;
            this.compiled = compiled;
            this.eventOnly = eventOnly;
        }

        /**
         * Whether it reads nothing but the event's own fields (not the child, the adult, the trigger, nor the event's
         * relation to the child): then it has the same value for every child, and a replay evaluates it once an event.
         */
        public boolean eventOnly() {
            return eventOnly;
        }

        public boolean test(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person, Map<String, Object> trigger) {
            return Boolean.TRUE.equals(evaluate(e, child, person, trigger));
        }

        /** For an expression that gives a list (of person ids): its items as text; empty if it cannot be evaluated. */
        public java.util.List<String> list(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person) {
            return evaluate(e, child, person, Map.of()) instanceof java.util.List<?> items
                    ? items.stream().map(String::valueOf).toList() : java.util.List.of();
        }

        /** The value, compiled where it can be and interpreted where not; null when it cannot be evaluated. */
        Object evaluate(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person, Map<String, Object> trigger) {
            if (compiled != null) {
                try {
                    Object value = compiled.eval(e, child, person, trigger);
                    return value == CompiledExpression.ERROR ? null : value;
                } catch (CompiledExpression.GiveWay interpreterDecides) {
                    // falls through to the interpreter
                }
            }
            return interpret(e, child, person, trigger);
        }

        /** The value as CEL's own interpreter gives it; null when it cannot be evaluated. */
        Object interpret(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person, Map<String, Object> trigger) {
            try {
                return program.eval(Map.of("e", e, "child", child, "person", person, "trigger", trigger));
            } catch (CelEvaluationException | RuntimeException unevaluable) {
                return null;
            }
        }

        /** Whether evaluation is compiled (else every evaluation is interpreted). */
        boolean isCompiled() {
            return compiled != null;
        }

        @Override
        public String toString() {
            return source;
        }
    }

    private Conditions() {
    }

    /** Compiles a condition; an invalid one is refused with CEL's own explanation. */
    public static Condition compile(String source) {
        try {
            var ast = COMPILER.compile(source).getAst();
            return new Condition(source, RUNTIME.createProgram(ast), CompiledExpression.compile(ast.getExpr()), readsOnlyTheEvent(ast.getExpr()));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The event's fields that depend on which child is looking at it. */
    static final Set<String> CHILD_RELATIVE_EVENT_FIELDS = Set.of("about_child", "role");

    private static boolean readsOnlyTheEvent(CelExpr expr) {
        return CelNavigableExpr.fromExpr(expr).allNodes().allMatch(n -> switch (n.getKind()) {
            case IDENT -> n.expr().ident().name().equals("e") && n.parent().filter(p -> p.getKind() == CelExpr.ExprKind.Kind.SELECT
                    && !CHILD_RELATIVE_EVENT_FIELDS.contains(p.expr().select().field())).isPresent();
            // A comprehension's own variable could hide a name: not worth telling apart.
            case COMPREHENSION -> false;
            default -> true;
        });
    }

    static void check(String source) {
        compile(source);
    }
}
