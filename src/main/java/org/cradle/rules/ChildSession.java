package org.cradle.rules;

import org.cradle.rules.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.cradle.chronology.Event;
import org.cradle.people.Person;

/**
 * One child's rules in event time: events arrive in the order they happened ({@link #accept}), and the clock moves
 * on ({@link #advanceTo}), firing deadlines that passed with nothing done. Each rule keeps the little state its
 * pattern needs, and raises an alert once per occurrence.
 */
final class ChildSession {

    private final Person child;
    private final ChildState state;
    private final String area;
    private final Timescales timescales;
    private final WorkingDays working;
    private final Consumer<Alert> raise;
    private final List<Runner> runners = new ArrayList<>();
    /** The runners with deadlines, which the clock moves on. */
    private final List<Runner> waiting = new ArrayList<>();
    /** Today in event time, as a day number. */
    private long clock = Long.MIN_VALUE;
    /** The earliest deadline a runner waits for, as a day number (none: the greatest), so that most days pass without asking each one. */
    private long due = Long.MAX_VALUE;
    static final int OPEN_DAYS = 90;

    /**
     * @param numbers            everyone's number in the replay, as the arrivals give them
     * @param socialCareAgencies the ids of the children's social care agencies in the history
     */
    ChildSession(Person child, Map<String, String> roles, Map<String, Person> people, Map<String, Integer> numbers,
                 List<String> socialCareAgencies, String area, List<RuleEngine.CompiledRule> rules, Timescales timescales,
                 WorkingDays working, Consumer<Alert> raise) {
        this.child = child;
        this.state = new ChildState(child, roles, people, numbers, area, socialCareAgencies);
        this.area = area;
        this.timescales = timescales;
        this.working = working;
        this.raise = raise;
        for (RuleEngine.CompiledRule r : rules) {
            Runner runner = runner(r);
            runners.add(runner);
            if (r.rule.pattern() instanceof Pattern.Absence) {
                waiting.add(runner);
            }
        }
    }

    /** One event of the child's scope, in event-time order. */
    void accept(Arrival a) {
        advanceTo(a.first, a.day);
        // Before the child is conceived an event is history: remembered, but no rule about this child looks at it.
        boolean looked = state.conceivedBy(a.day);
        // Only the rules whose patterns name this type of event see it.
        int[] interested = looked ? a.route.rules() : NONE;
        var view = interested.length > 0 ? new EventView(a) : null;
        for (int r : interested) {
            runners.get(r).before(view);
        }
        state.learn(a);
        if (view != null) {
            view.learnt = true;
            view.personMap = null;
            for (int r : interested) {
                runners.get(r).after(view);
            }
        }
    }

    private static final int[] NONE = {};

    /** Moves the clock on to {@code day}, raising what fell due before it. */
    void advanceTo(LocalDate day) {
        advanceTo(day, day.toEpochDay());
    }

    private void advanceTo(LocalDate day, long number) {
        if (number > clock) {
            clock = number;
            if (due < number) {
                due = Long.MAX_VALUE;
                for (Runner r : waiting) {
                    r.tick(day);
                    waitUntil(r.deadline());
                }
            }
        }
    }

    /**
     * The last day of the earliest deadline a rule still waits for, once the clock has moved on: the day after it, an
     * alert may fall due with nothing more recorded. Null when no rule waits.
     */
    LocalDate nextDeadline() {
        return due == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(due);
    }

    private void waitUntil(LocalDate deadline) {
        if (deadline != null) {
            due = Math.min(due, deadline.toEpochDay());
        }
    }

    private static final Set<String> EVENT_KEYS = union(Arrival.KEYS, Conditions.CHILD_RELATIVE_EVENT_FIELDS);

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** An event as the rules see it: its CEL map, its day, and who in it matters to this child. */
    final class EventView {
        final Arrival arrival;
        final Event event;
        final LocalDate first;
        final LocalDate last;
        final boolean aboutChild;
        /** The first adult around the child whom the event concerns, when it is not about the child; else null. */
        private final ChildState.Adult adult;
        private Map<String, Object> cel;
        private Map<String, Object> childBefore;
        private Map<String, Object> childAfter;
        private Map<String, Object> personMap;
        private boolean learnt;

        EventView(Arrival a) {
            this.arrival = a;
            this.event = a.event;
            this.first = a.first;
            this.last = a.last;
            this.aboutChild = state.concerns(a);
            this.adult = aboutChild ? null : state.firstAdult(a);
        }

        /** How the adult is involved in the event: their part in it, or "subject". */
        private String as() {
            if (adult == null) {
                return null;
            }
            for (var i : event.about()) {
                if (i.person().equals(adult.id)) {
                    return i.as();
                }
            }
            return event.subjects().contains(adult.id) ? "subject" : null;
        }

        /** The event as CEL sees it: each value worked out when a condition asks. */
        Map<String, Object> cel() {
            if (cel == null) {
                cel = new LazyFields(EVENT_KEYS) {
                    @Override
                    Object value(String key) {
                        return field(key);
                    }
                };
            }
            return cel;
        }

        private Object field(String key) {
            return switch (key) {
                case "about_child" -> aboutChild;
                case "role" -> aboutChild ? "child" : adult == null ? "other" : adult.role;
                default -> arrival.field(key);
            };
        }

        /** Whether the event meets the rule's match in this slot. */
        boolean matches(RuleEngine.CompiledRule rule, int slot) {
            return matches(rule, slot, Map.of());
        }

        /** With {@code trigger}: the event that started a wait, for an expected event that must refer to it. */
        boolean matches(RuleEngine.CompiledRule rule, int slot, Map<String, Object> trigger) {
            if (!arrival.route.typeMatches()[slot]) {
                return false;
            }
            String who = rule.match(slot).who();
            if (who.equals("child") && adult != null || who.equals("adult") && adult == null) {
                return false;
            }
            var condition = rule.condition(slot);
            if (condition != null && condition.eventOnly()) {
                return arrival.met(slot);
            }
            return condition == null || condition.test(cel(), child(), person(), trigger);
        }

        /** The child as CEL sees them: as they were when the event arrived, or once it is taken in. Built once each. */
        Map<String, Object> child() {
            if (learnt) {
                return childAfter == null ? childAfter = state.cel(arrival.day) : childAfter;
            }
            return childBefore == null ? childBefore = state.cel(arrival.day) : childBefore;
        }

        Map<String, Object> person() {
            return adult == null ? Map.of() : personMap == null ? personMap = adult.cel(this::as) : personMap;
        }
    }

    // ---- one runner per rule, by pattern

    private abstract class Runner {
        final RuleEngine.CompiledRule compiled;

        Runner(RuleEngine.CompiledRule compiled) {
            this.compiled = compiled;
        }

        /** Sees the event with the child's state as it was when the event arrived. */
        void before(EventView e) {
        }

        /** Sees the event once the child's state has taken it in. */
        void after(EventView e) {
        }

        void tick(LocalDate day) {
        }

        /** The day this rule waits for, or null. */
        LocalDate deadline() {
            return null;
        }

        Span span(Window w) {
            return w.in(timescales, area);
        }

        private LocalDate lastRaised;

        void fire(LocalDate on, List<EventView> evidence) {
            // No repeats while an alert is open: in a replay nobody closes one, so it counts as open for 90 days.
            if (lastRaised != null && on.isBefore(lastRaised.plusDays(OPEN_DAYS))) {
                return;
            }
            lastRaised = on;
            Rule rule = compiled.rule;
            var about = new LinkedHashSet<String>();
            if (compiled.about() != null) {
                // The rule says who it is about, from the child's state when it is raised (the unassessed father).
                EventView last = evidence.get(evidence.size() - 1);
                compiled.about().list(last.cel(), last.child(), last.person()).stream().filter(state.adults::containsKey).forEach(about::add);
            } else {
                for (EventView e : evidence) {
                    for (String p : e.arrival.people()) {
                        if (state.adults.containsKey(p)) {
                            about.add(p);
                        }
                    }
                }
            }
            // An alert is about the adults around the child, not about their brothers and sisters.
            about.removeIf(id -> {
                String role = state.adults.get(id).role;
                return role.equals("sibling") || role.equals("half-sibling") || role.startsWith("child-of-");
            });
            var ids = new LinkedHashSet<String>();
            for (EventView e : evidence) {
                ids.add(e.event.id());
            }
            raise.accept(new Alert(rule.category(), compiled.key(), child.id(), List.copyOf(about), on, rule.severity(),
                    List.copyOf(ids), compiled.learning(), compiled.message()));
        }
    }

    private Runner runner(RuleEngine.CompiledRule r) {
        Pattern pattern = r.rule.pattern();
        if (pattern instanceof Pattern.OnEvent p) {
            int match = r.slot(p.match());
            return new Runner(r) {
                @Override
                void before(EventView e) {
                    if (e.matches(compiled, match)) {
                        // Nobody could have been alerted before the event was written down.
                        LocalDate recorded = e.event.recorded().first();
                        fire(recorded.isAfter(e.last) ? recorded : e.last, List.of(e));
                    }
                }
            };
        }
        if (pattern instanceof Pattern.Count p) {
            int match = r.slot(p.match());
            return new Runner(r) {
                final Deque<EventView> window = new ArrayDeque<>();

                @Override
                void before(EventView e) {
                    if (!e.matches(compiled, match)) {
                        return;
                    }
                    window.addLast(e);
                    Span s = span(p.within());
                    while (s.after(window.peekFirst().first, working, null).isBefore(e.last)) {
                        window.removeFirst();
                    }
                    if (window.size() >= p.atLeast()) {
                        fire(e.last, List.copyOf(window));
                        window.clear();
                    }
                }
            };
        }
        if (pattern instanceof Pattern.Sequence p) {
            int first = r.slot(p.first());
            int then = r.slot(p.then());
            return new Runner(r) {
                final List<EventView> firsts = new ArrayList<>();

                @Override
                void before(EventView e) {
                    if (e.matches(compiled, then)) {
                        Span s = span(p.within());
                        for (Iterator<EventView> it = firsts.iterator(); it.hasNext(); ) {
                            EventView f = it.next();
                            if (f != e && !s.after(f.last, working, null).isBefore(e.first)) {
                                fire(e.last, List.of(f, e));
                                it.remove();
                                return;
                            }
                        }
                    }
                    if (e.matches(compiled, first)) {
                        firsts.add(e);
                    }
                }
            };
        }
        if (pattern instanceof Pattern.Absence p) {
            int after = r.slot(p.after());
            int expect = r.slot(p.expect());
            int unless = p.unless() == null ? -1 : r.slot(p.unless());
            return new Runner(r) {
                EventView waitingFor;
                LocalDate deadline;
                LocalDate lastExpected;

                @Override
                void before(EventView e) {
                    Map<String, Object> trigger = waitingFor == null ? Map.of() : waitingFor.cel();
                    if (e.matches(compiled, expect, trigger)) {
                        lastExpected = e.first;
                        if (waitingFor != null && !e.first.isBefore(waitingFor.first)) {
                            waitingFor = null;
                        }
                    }
                    if (unless >= 0 && waitingFor != null && e.matches(compiled, unless, trigger)) {
                        waitingFor = null;
                    }
                }

                /** A wait starts once the event is taken in: a pregnancy's own expected date sets its deadline. */
                @Override
                void after(EventView e) {
                    if (waitingFor == null && e.matches(compiled, after)
                            && (lastExpected == null || lastExpected.isBefore(e.first))) {
                        Span s = span(p.within());
                        LocalDate edd = state.expectedDelivery();
                        if (s.unit() == Span.Unit.WEEKS_GESTATION && edd == null) {
                            return;
                        }
                        waitingFor = e;
                        // A deadline counted from a month-precision date runs from the month's last day.
                        deadline = s.after(e.last, working, edd);
                        waitUntil(deadline);
                    }
                }

                @Override
                LocalDate deadline() {
                    return waitingFor == null ? null : deadline;
                }

                @Override
                void tick(LocalDate day) {
                    if (waitingFor != null && deadline.isBefore(day)) {
                        // Late from the day after the deadline, but never before the triggering event was known.
                        LocalDate late = deadline.plusDays(1);
                        fire(late.isBefore(waitingFor.last) ? waitingFor.last : late, List.of(waitingFor));
                        waitingFor = null;
                    }
                }
            };
        }
        if (pattern instanceof Pattern.State p) {
            int at = r.slot(p.at());
            return new Runner(r) {
                final Conditions.Condition when = compiled.state();
                boolean held;

                @Override
                void after(EventView e) {
                    if (!e.matches(compiled, at)) {
                        return;
                    }
                    boolean now = when.test(e.cel(), e.child(), e.person(), Map.of());
                    if (now && !held) {
                        fire(e.last, List.of(e));
                    }
                    held = now;
                }
            };
        }
        Pattern.Score p = (Pattern.Score) pattern;
        int[] scored = p.points().stream().mapToInt(w -> r.slot(w.match())).toArray();
        return new Runner(r) {
            final Deque<EventView> window = new ArrayDeque<>();
            final Deque<Integer> points = new ArrayDeque<>();

            @Override
            void before(EventView e) {
                int earned = 0;
                for (int i = 0; i < scored.length; i++) {
                    if (e.matches(compiled, scored[i])) {
                        earned += p.points().get(i).points();
                    }
                }
                if (earned == 0) {
                    return;
                }
                window.addLast(e);
                points.addLast(earned);
                Span s = span(p.within());
                while (s.after(window.peekFirst().first, working, null).isBefore(e.last)) {
                    window.removeFirst();
                    points.removeFirst();
                }
                if (points.stream().mapToInt(Integer::intValue).sum() >= p.threshold()) {
                    fire(e.last, List.copyOf(window));
                    window.clear();
                    points.clear();
                }
            }
        };
    }
}
