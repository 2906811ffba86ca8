package org.cradle.rules;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A type-checked CEL expression turned into a tree of Java closures, for the part of CEL that rules use: the four
 * variables, field selection and {@code has()}, literals and lists, logic, comparison, arithmetic on integers,
 * {@code in}, {@code size}, the string tests, indexing, and comprehensions (so every macro: {@code exists},
 * {@code all}, {@code exists_one}, {@code filter}, {@code map}). The interpreter is the reference: an expression
 * outside this part is not compiled ({@link #compile} gives null), and a value of a kind this part does not handle
 * (a decimal number in an event's details, say) makes an evaluation give way to the interpreter
 * ({@link GiveWay}). Errors follow CEL's rules: {@code &&} and {@code ||} absorb an error when the other side
 * decides, and anything else that meets one gives an error, which a condition counts as not met.
 *
 * <p>Why: rule conditions are evaluated millions of times in a replay, and the interpreter takes about a
 * microsecond for the simplest of them; this takes tens of nanoseconds.
 */
final class CompiledExpression {

    /** CEL's error value. */
    static final Object ERROR = new Object() {
        @Override
        public String toString() {
            return "error";
        }
    };

    /** An evaluation this part of CEL cannot decide exactly: the interpreter decides it instead. */
    static final class GiveWay extends RuntimeException {
        static final GiveWay INSTANCE = new GiveWay();

        private GiveWay() {
            super("evaluated by the CEL interpreter", null, false, false);
        }
    }

    /** The values of the variables for one evaluation, and the slots of comprehension variables. */
    static final class Frame {
        final Map<String, Object> e;
        final Map<String, Object> child;
        final Map<String, Object> person;
        final Map<String, Object> trigger;
        final Object[] slots;
        /** Iterations of every comprehension in this evaluation, which CEL bounds together. */
        int iterations;

        Frame(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person, Map<String, Object> trigger, int slots) {
            this.e = e;
            this.child = child;
            this.person = person;
            this.trigger = trigger;
            this.slots = slots == 0 ? null : new Object[slots];
        }
    }

    interface Node {
        Object eval(Frame f);
    }

    /** A compiled expression: its root and how many comprehension slots a frame needs. */
    record Compiled(Node root, int slots) {
        Object eval(Map<String, Object> e, Map<String, Object> child, Map<String, Object> person, Map<String, Object> trigger) {
            return root.eval(new Frame(e, child, person, trigger, slots));
        }
    }

    private final Map<String, Integer> slots = new HashMap<>();
    private int slotCount;

    private CompiledExpression() {
    }

    /** The expression compiled, or null when it uses something outside the compiled part of CEL. */
    static Compiled compile(CelExpr expr) {
        var compiler = new CompiledExpression();
        try {
            Node root = compiler.node(expr);
            return new Compiled(root, compiler.slotCount);
        } catch (UnsupportedOperationException outside) {
            return null;
        }
    }

    private Node node(CelExpr x) {
        return switch (x.getKind()) {
            case CONSTANT -> constant(x.constant());
            case IDENT -> ident(x.ident().name());
            case SELECT -> select(node(x.select().operand()), x.select().field(), x.select().testOnly());
            case LIST -> list(x.list().elements().stream().map(this::node).toList());
            case CALL -> call(x.call());
            case COMPREHENSION -> comprehension(x.comprehension());
            default -> throw new UnsupportedOperationException(x.getKind().toString());
        };
    }

    private static Node constant(CelConstant c) {
        Object v = switch (c.getKind()) {
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            default -> throw new UnsupportedOperationException(c.getKind().toString());
        };
        return new Constant(v);
    }

    /** A value known when the expression is compiled. */
    private record Constant(Object value) implements Node {
        @Override
        public Object eval(Frame f) {
            return value;
        }
    }

    private Node ident(String name) {
        Integer slot = slots.get(name);
        if (slot != null) {
            int i = slot;
            return f -> {
                Object v = f.slots[i];
                return v != null ? v : giveWay();
            };
        }
        return switch (name) {
            case "e" -> f -> f.e;
            case "child" -> f -> f.child;
            case "person" -> f -> f.person;
            case "trigger" -> f -> f.trigger;
            default -> throw new UnsupportedOperationException(name);
        };
    }

    private static Node select(Node operand, String name, boolean testOnly) {
        // One copy of the name, as the maps' own keys are (JSON field names, the switch labels): found by identity.
        String field = name.intern();
        if (testOnly) {
            return f -> operand.eval(f) instanceof Map<?, ?> m ? present(m, field) : ERROR;
        }
        return f -> {
            if (operand.eval(f) instanceof Map<?, ?> m) {
                Object v = m.get(field);
                // The interpreter takes a key whose value is null (JSON null) as unknown: it decides those.
                return v != null ? v : m.containsKey(field) ? giveWay() : ERROR;
            }
            return ERROR;
        };
    }

    /** Whether a map has a key; one whose value is null (JSON null) the interpreter decides. */
    private static Object present(Map<?, ?> map, Object key) {
        return map.get(key) != null || (map.containsKey(key) ? (Boolean) giveWay() : false);
    }

    private static Node list(List<Node> elements) {
        // A list written out in the rule (['missed', 'was-not-brought']) is made once, not at every evaluation.
        if (elements.stream().allMatch(Constant.class::isInstance)) {
            return new Constant(elements.stream().map(n -> ((Constant) n).value()).toList());
        }
        return f -> {
            var out = new ArrayList<Object>(elements.size());
            for (Node n : elements) {
                Object v = n.eval(f);
                if (v == ERROR) {
                    return ERROR;
                }
                out.add(v);
            }
            return out;
        };
    }

    private Node comprehension(CelExpr.CelComprehension c) {
        if (!c.iterVar2().isEmpty()) {
            throw new UnsupportedOperationException("two-variable comprehension");
        }
        Node range = node(c.iterRange());
        Node init = node(c.accuInit());
        // A nested comprehension may reuse the names (every macro's accumulator has the same one): restore them after.
        var outer = new HashMap<>(slots);
        int accu = bind(c.accuVar());
        Node result = node(c.result());
        int iter = bind(c.iterVar());
        Node condition = node(c.loopCondition());
        Node step = node(c.loopStep());
        slots.clear();
        slots.putAll(outer);
        return f -> {
            Object over = range.eval(f);
            Iterable<?> items;
            if (over instanceof List<?> l) {
                items = l;
            } else if (over instanceof Map<?, ?> m) {
                items = m.keySet();
            } else {
                return over == ERROR ? ERROR : giveWay();
            }
            f.slots[accu] = init.eval(f);
            for (Object item : items) {
                if (++f.iterations > Conditions.MAX_ITERATIONS) {
                    // Past the bound the interpreter stops the evaluation: let it.
                    return giveWay();
                }
                f.slots[iter] = item;
                Object go = condition.eval(f);
                if (go == Boolean.FALSE) {
                    break;
                }
                if (go != Boolean.TRUE) {
                    return giveWay();
                }
                f.slots[accu] = step.eval(f);
            }
            return result.eval(f);
        };
    }

    private int bind(String name) {
        int slot = slotCount++;
        slots.put(name, slot);
        return slot;
    }

    private Node call(CelExpr.CelCall call) {
        List<Node> args = new ArrayList<>();
        call.target().ifPresent(t -> args.add(node(t)));
        call.args().forEach(a -> args.add(node(a)));
        String fn = call.function();
        if (args.size() == 1) {
            Node a = args.get(0);
            return switch (fn) {
                case "!_" -> f -> {
                    Object v = a.eval(f);
                    return v instanceof Boolean b ? (Object) !b : v == ERROR ? ERROR : giveWay();
                };
                case "@not_strictly_false" -> f -> {
                    Object v = a.eval(f);
                    return v instanceof Boolean || v == ERROR ? v != Boolean.FALSE : giveWay();
                };
                case "-_" -> f -> {
                    Object v = a.eval(f);
                    return v instanceof Long l ? (l == Long.MIN_VALUE ? ERROR : (Object) (-l)) : v instanceof Double d ? (Object) (-d) : giveWay();
                };
                case "size" -> f -> size(a.eval(f));
                default -> throw new UnsupportedOperationException(fn);
            };
        }
        if (args.size() == 2) {
            Node a = args.get(0);
            Node b = args.get(1);
            return switch (fn) {
                case "_&&_" -> f -> and(a, b, f);
                case "_||_" -> f -> or(a, b, f);
                case "_==_" -> f -> equality(a.eval(f), b.eval(f), true);
                case "_!=_" -> f -> equality(a.eval(f), b.eval(f), false);
                case "_<_" -> f -> ordered(a.eval(f), b.eval(f), 0);
                case "_<=_" -> f -> ordered(a.eval(f), b.eval(f), 1);
                case "_>_" -> f -> ordered(a.eval(f), b.eval(f), 2);
                case "_>=_" -> f -> ordered(a.eval(f), b.eval(f), 3);
                case "@in" -> b instanceof Constant c && c.value() instanceof List<?> l && l.stream().allMatch(String.class::isInstance)
                        ? inTexts(a, Set.copyOf(l), l)
                        : f -> in(a.eval(f), b.eval(f));
                case "_+_" -> f -> plus(a.eval(f), b.eval(f));
                case "_-_" -> f -> arithmetic(a.eval(f), b.eval(f), false);
                case "_*_" -> f -> arithmetic(a.eval(f), b.eval(f), true);
                case "_[_]" -> f -> index(a.eval(f), b.eval(f));
                case "contains", "startsWith", "endsWith" -> f -> text(fn, a.eval(f), b.eval(f));
                default -> throw new UnsupportedOperationException(fn);
            };
        }
        if (args.size() == 3 && fn.equals("_?_:_")) {
            Node c = args.get(0);
            Node yes = args.get(1);
            Node no = args.get(2);
            return f -> {
                Object v = c.eval(f);
                return v == Boolean.TRUE ? yes.eval(f) : v == Boolean.FALSE ? no.eval(f) : v == ERROR ? ERROR : giveWay();
            };
        }
        throw new UnsupportedOperationException(fn);
    }

    private static Object and(Node a, Node b, Frame f) {
        Object l = logical(a.eval(f));
        if (l == Boolean.FALSE) {
            return false;
        }
        Object r = logical(b.eval(f));
        if (r == Boolean.FALSE) {
            return false;
        }
        return l == Boolean.TRUE && r == Boolean.TRUE ? Boolean.TRUE : ERROR;
    }

    private static Object or(Node a, Node b, Frame f) {
        Object l = logical(a.eval(f));
        if (l == Boolean.TRUE) {
            return true;
        }
        Object r = logical(b.eval(f));
        if (r == Boolean.TRUE) {
            return true;
        }
        return l == Boolean.FALSE && r == Boolean.FALSE ? Boolean.FALSE : ERROR;
    }

    /** An operand of {@code &&} or {@code ||}: a boolean or an error; the interpreter decides any other value. */
    private static Object logical(Object v) {
        return v instanceof Boolean || v == ERROR ? v : giveWay();
    }

    /** Whether a value is one this part of CEL handles; anything else gives way to the interpreter. */
    private static boolean known(Object v) {
        return v == ERROR || v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double
                || v instanceof List || v instanceof Map;
    }

    /** Operands of a kind no overload takes, among others: how the interpreter reports that is its to decide. */
    private static Object giveWay() {
        throw GiveWay.INSTANCE;
    }

    private static Object equality(Object a, Object b, boolean equal) {
        if (a == ERROR || b == ERROR) {
            return ERROR;
        }
        return equals(a, b) == equal;
    }

    /** CEL's heterogeneous equality: numbers compare by value across kinds; different kinds are unequal. */
    static boolean equals(Object a, Object b) {
        // The usual case first, decided without the kind checks below (interface checks, costly in a replay).
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);
        }
        if (!known(a) || !known(b)) {
            return (Boolean) giveWay();
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map || b instanceof Map) {
            return (Boolean) giveWay();
        }
        return a.equals(b);
    }

    /** {@code <, <=, >, >=} as 0, 1, 2, 3. */
    private static Object ordered(Object a, Object b, int op) {
        if (a == ERROR || b == ERROR) {
            return ERROR;
        }
        int c;
        if (a instanceof Long x && b instanceof Long y) {
            c = Long.compare(x, y);
        } else if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
            double dx = ((Number) a).doubleValue();
            double dy = ((Number) b).doubleValue();
            if (Double.isNaN(dx) || Double.isNaN(dy)) {
                return false;
            }
            c = Double.compare(dx, dy);
        } else if (a instanceof String x && b instanceof String y) {
            c = compareCodePoints(x, y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            c = Boolean.compare(x, y);
        } else {
            return giveWay();
        }
        return switch (op) {
            case 0 -> c < 0;
            case 1 -> c <= 0;
            case 2 -> c > 0;
            default -> c >= 0;
        };
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    /** {@code item in [...]} where the rule lists texts: a text is looked up at once; anything else as {@link #in} decides. */
    private static Node inTexts(Node item, Set<?> texts, List<?> list) {
        return f -> {
            Object v = item.eval(f);
            return v instanceof String s ? (Object) texts.contains(s) : in(v, list);
        };
    }

    private static Object in(Object item, Object in) {
        if (item == ERROR || in == ERROR) {
            return ERROR;
        }
        if (in instanceof List<?> list) {
            for (Object o : list) {
                if (equals(item, o)) {
                    return true;
                }
            }
            return known(item) ? false : giveWay();
        }
        if (in instanceof Map<?, ?> map && known(item) && !(item instanceof List || item instanceof Map || item instanceof Double)) {
            return present(map, item);
        }
        return giveWay();
    }

    private static Object size(Object v) {
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return (long) l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        return v == ERROR ? ERROR : giveWay();
    }

    private static Object plus(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            var out = new ArrayList<Object>(x.size() + y.size());
            out.addAll(x);
            out.addAll(y);
            return out;
        }
        return arithmetic(a, b, false, true);
    }

    private static Object arithmetic(Object a, Object b, boolean times) {
        return arithmetic(a, b, times, false);
    }

    private static Object arithmetic(Object a, Object b, boolean times, boolean plus) {
        if (a == ERROR || b == ERROR) {
            return ERROR;
        }
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return times ? Math.multiplyExact(x, y) : plus ? Math.addExact(x, y) : Math.subtractExact(x, y);
            } catch (ArithmeticException overflow) {
                return ERROR;
            }
        }
        if (a instanceof Double x && b instanceof Double y) {
            return times ? x * y : plus ? x + y : x - y;
        }
        return giveWay();
    }

    private static Object index(Object in, Object key) {
        if (in == ERROR || key == ERROR) {
            return ERROR;
        }
        if (in instanceof List<?> list && key instanceof Long i) {
            return i >= 0 && i < list.size() ? list.get(i.intValue()) : ERROR;
        }
        if (in instanceof Map<?, ?> map && key instanceof String k) {
            Object v = map.get(k);
            return v != null ? v : map.containsKey(k) ? giveWay() : ERROR;
        }
        return giveWay();
    }

    private static Object text(String fn, Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return switch (fn) {
                case "contains" -> s.contains(t);
                case "startsWith" -> s.startsWith(t);
                default -> s.endsWith(t);
            };
        }
        return a == ERROR || b == ERROR ? ERROR : giveWay();
    }
}
