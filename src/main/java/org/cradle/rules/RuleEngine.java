package org.cradle.rules;

import org.cradle.rules.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.cradle.casefile.CaseFile;
import org.cradle.chronology.Agency;
import org.cradle.chronology.Event;
import org.cradle.people.FamilyNetwork;
import org.cradle.people.Person;
import org.cradle.people.Relationship;
import org.cradle.people.Tie;

/**
 * Evaluates the rules over a history in event time. A replay feeds a whole case file through the same sessions a
 * live store feeds event by event, so the same history gives the same alerts either way.
 */
public final class RuleEngine {

    private final List<CompiledRule> rules;
    private final Dispatch dispatch;
    private final Timescales timescales;
    private final WorkingDays working;

    public RuleEngine(List<Rule> rules, Timescales timescales, WorkingDays working) {
        var slots = new ArrayList<Match>();
        this.rules = rules.stream().map(r -> new CompiledRule(r, slots)).toList();
        this.dispatch = new Dispatch(this.rules, List.copyOf(slots));
        this.timescales = timescales;
        this.working = working;
    }

    /**
     * The alerts the rules would have raised over this history, up to and including {@code until} (null: its last
     * event). Each child is replayed on its own, so children are replayed side by side on the machine's cores; the
     * alerts are then put in one order, so the result is the same however the work was shared out.
     */
    public List<Alert> replay(CaseFile file, LocalDate until) {
        return replayWithDeadlines(file, until).alerts();
    }

    /**
     * A replay's alerts, and for each child (by id) the last day of the earliest deadline a rule still waits for at
     * the end: if nothing more is recorded, an alert may fall due the day after it. Children no rule waits for are not
     * in the map.
     */
    public record Outcome(List<Alert> alerts, Map<String, LocalDate> nextDeadlines) {
    }

    /** As {@link #replay}, with each child's next deadline: what a live store needs to evaluate the child again on time. */
    public Outcome replayWithDeadlines(CaseFile file, LocalDate until) {
        var people = new LinkedHashMap<String, Person>();
        // Everyone gets a number, so that the replay finds a person's events and a child's adults without hashing names.
        var numbers = new HashMap<String, Integer>();
        for (Person p : file.people()) {
            people.put(p.id(), p);
            numbers.putIfAbsent(p.id(), numbers.size());
        }
        var relationshipsByPerson = new HashMap<String, List<Relationship>>();
        for (Relationship r : file.relationships()) {
            relationshipsByPerson.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            relationshipsByPerson.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
            numbers.putIfAbsent(r.from(), numbers.size());
            numbers.putIfAbsent(r.to(), numbers.size());
        }
        var agencyKinds = kinds(file.agencies());
        var agencyAreas = new HashMap<String, String>();
        file.agencies().forEach(a -> agencyAreas.put(a.id(), a.area()));
        List<String> socialCareAgencies = agencyKinds.entrySet().stream()
                .filter(k -> k.getValue().equals("childrens-social-care")).map(Map.Entry::getKey).sorted().toList();
        String area = file.area().code();
        List<Event> events = file.events();
        // Who each event concerns, by number: all that is needed to find each child's events.
        var who = new int[events.size()][];
        IntStream.range(0, who.length).parallel().forEach(i -> who[i] = numbers(events.get(i).people(), numbers));
        var byPerson = new EventsByPerson(numbers.size(), who);
        // Each event is worked out once for every child, by the first child's replay to meet it: its siblings meet it
        // next, while it is still in the processor's cache. (Two replays may both work one out: they get the same.)
        var arrivals = new Arrival[events.size()];
        IntFunction<Arrival> arrival = i -> {
            Arrival known = arrivals[i];
            if (known == null) {
                Event e = events.get(i);
                known = new Arrival(e, who[i], dispatch.route(e.type()), agencyKinds.getOrDefault(e.agency(), "other"),
                        agencyAreas.getOrDefault(e.agency(), area));
                arrivals[i] = known;
            }
            return known;
        };
        // Without a day to stop, the replay runs to the end of the history's last event.
        LocalDate end = until != null ? until : lastDay(events);
        long endDay = end.toEpochDay();
        List<Person> children = childrenOfConcern(file, people);
        Function<Person, Raised> replayChild = child -> {
            var alerts = new ArrayList<Alert>();
            var network = FamilyNetwork.around(child.id(), id -> ties(relationshipsByPerson.getOrDefault(id, List.of()), id), null);
            var nearby = new ArrayList<Relationship>();
            network.forEach(p -> nearby.addAll(relationshipsByPerson.getOrDefault(p, List.of())));
            var session = new ChildSession(child, roles(child.id(), network, nearby), people, numbers, socialCareAgencies, area, rules,
                    timescales, working, alerts::add);
            for (Arrival a : byPerson.scope(network, numbers, arrival)) {
                if (a.day > endDay) {
                    break;
                }
                session.accept(a);
            }
            session.advanceTo(end);
            // Raised nearly in order already, so this is cheap, and the merge of every child's below cheaper.
            alerts.sort(IN_ORDER_RAISED);
            return new Raised(child.id(), alerts, session.nextDeadline());
        };
        // In the order of their ids, so that the children's alerts, each list in order already, merge without comparing.
        var bySubject = children.stream().sorted(Comparator.comparing(Person::id)).toList();
        List<Raised> raised = (bySubject.size() > 1 ? bySubject.parallelStream() : bySubject.stream()).map(replayChild).toList();
        var deadlines = new LinkedHashMap<String, LocalDate>();
        raised.stream().filter(r -> r.nextDeadline != null).forEach(r -> deadlines.put(r.child, r.nextDeadline));
        return new Outcome(inOrderRaised(raised), deadlines);
    }

    /** One child's alerts in the order raised, with the day each was raised as a number, and the child's next deadline. */
    private record Raised(String child, List<Alert> alerts, int[] days, LocalDate nextDeadline) {
        Raised(String child, List<Alert> alerts, LocalDate nextDeadline) {
            this(child, alerts, alerts.stream().mapToInt(a -> Math.toIntExact(a.raisedOn().toEpochDay())).toArray(), nextDeadline);
        }
    }

    /**
     * One list of every child's alerts in the order raised (day, subject, category, rule), given each child's in that
     * order and the children in the order of their ids: a counting sort by day keeps each day's alerts child after
     * child, which is that order, and costs no comparison.
     */
    private static List<Alert> inOrderRaised(List<Raised> perChild) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        int total = 0;
        for (Raised r : perChild) {
            if (r.days.length > 0) {
                first = Math.min(first, r.days[0]);
                last = Math.max(last, r.days[r.days.length - 1]);
                total += r.days.length;
            }
        }
        if (total == 0) {
            return List.of();
        }
        var all = new Alert[total];
        int[] next = new int[last - first + 2];
        for (Raised r : perChild) {
            for (int day : r.days) {
                next[day - first + 1]++;
            }
        }
        for (int d = 1; d < next.length; d++) {
            next[d] += next[d - 1];
        }
        for (Raised r : perChild) {
            for (int i = 0; i < r.days.length; i++) {
                all[next[r.days[i] - first]++] = r.alerts.get(i);
            }
        }
        return Arrays.asList(all);
    }

    /** Each of the people as their number, or -1 for someone the replay has no number for. */
    private static int[] numbers(List<String> people, Map<String, Integer> numbers) {
        int[] who = new int[people.size()];
        for (int i = 0; i < who.length; i++) {
            who[i] = numbers.getOrDefault(people.get(i), -1);
        }
        return who;
    }

    /** The end of the last event's day: of the event that comes last in event time, then id. */
    private static LocalDate lastDay(List<Event> events) {
        return events.stream().max(Comparator.comparing((Event e) -> e.occurred().first()).thenComparing(Event::id))
                .map(e -> e.occurred().last()).orElse(LocalDate.MIN);
    }

    private static final Comparator<Arrival> IN_EVENT_TIME = (a, b) -> {
        int c = Long.compare(a.day, b.day);
        return c != 0 ? c : a.event.id().compareTo(b.event.id());
    };

    private static final Comparator<Alert> IN_ORDER_RAISED = (a, b) -> {
        int c = a.raisedOn().compareTo(b.raisedOn());
        if (c == 0) {
            c = a.subject().compareTo(b.subject());
        }
        if (c == 0) {
            c = a.category().compareTo(b.category());
        }
        return c != 0 ? c : a.rule().compareTo(b.rule());
    };

    /** Each person's events, as positions in the file, laid out person after person, so a child's scope is gathered without a scan. */
    private static final class EventsByPerson {
        /** Person n's events are {@code positions[start[n]]} up to {@code positions[start[n + 1]]}, in file order. */
        private final int[] start;
        private final int[] positions;

        EventsByPerson(int people, int[][] who) {
            start = new int[people + 1];
            for (int[] concerned : who) {
                for (int w : concerned) {
                    if (w >= 0) {
                        start[w + 1]++;
                    }
                }
            }
            for (int i = 0; i < people; i++) {
                start[i + 1] += start[i];
            }
            positions = new int[start[people]];
            int[] next = Arrays.copyOf(start, people);
            for (int i = 0; i < who.length; i++) {
                for (int w : who[i]) {
                    if (w >= 0) {
                        positions[next[w]++] = i;
                    }
                }
            }
        }

        /**
         * The events about anyone in the child's network, each once, in event time, then id: the same history gives
         * the same alerts whatever order a file lists it in. (A file is usually in event time already, which the sort finds.)
         */
        Arrival[] scope(Set<String> network, Map<String, Integer> numbers, IntFunction<Arrival> arrival) {
            int total = 0;
            for (String p : network) {
                Integer n = numbers.get(p);
                total += n == null ? 0 : start[n + 1] - start[n];
            }
            int[] all = new int[total];
            int at = 0;
            for (String p : network) {
                Integer n = numbers.get(p);
                if (n != null) {
                    int length = start[n + 1] - start[n];
                    System.arraycopy(positions, start[n], all, at, length);
                    at += length;
                }
            }
            Arrays.sort(all);
            int n = 0;
            for (int i = 0; i < all.length; i++) {
                if (n == 0 || all[n - 1] != all[i]) {
                    all[n++] = all[i];
                }
            }
            var scope = new Arrival[n];
            for (int i = 0; i < n; i++) {
                scope[i] = arrival.apply(all[i]);
            }
            Arrays.sort(scope, IN_EVENT_TIME);
            return scope;
        }
    }

    /**
     * The children whose safety the alerts concern: every child and unborn child who is not themself the parent of
     * another child in the file (a looked-after teenage mother's own alerts come through her baby's); where there
     * is no child, the expectant mother.
     */
    public static List<Person> childrenOfConcern(CaseFile file, Map<String, Person> people) {
        Set<String> parents = new LinkedHashSet<>();
        for (Relationship r : file.relationships()) {
            if (r.type().equals("parent") && people.containsKey(r.to()) && people.get(r.to()).isChild()) {
                parents.add(r.from());
            }
        }
        var children = people.values().stream().filter(p -> p.isChild() && !parents.contains(p.id())).toList();
        if (!children.isEmpty()) {
            return children;
        }
        return file.events().stream().filter(e -> e.type().startsWith("pregnancy."))
                .flatMap(e -> e.subjects().stream()).distinct().map(people::get).filter(java.util.Objects::nonNull).limit(1).toList();
    }

    private static List<Tie<String>> ties(List<Relationship> relationships, String person) {
        return relationships.stream().filter(r -> r.involves(person))
                .map(r -> new Tie<>(r.from(), r.to(), r.type(), r.fromDate() == null ? null : r.fromDate().first())).toList();
    }

    /** How each person around the child relates to them: the relationship's type, or "partner" for a parent's partner. */
    private static Map<String, String> roles(String child, Set<String> network, List<Relationship> relationships) {
        var roles = new LinkedHashMap<String, String>();
        for (String p : network) {
            if (p.equals(child)) {
                continue;
            }
            String role = relationships.stream().filter(r -> r.from().equals(p) && r.to().equals(child)).map(Relationship::type).findFirst()
                    .or(() -> relationships.stream().filter(r -> r.from().equals(child) && r.to().equals(p)).map(r -> "child-of-" + r.type()).findFirst())
                    .orElseGet(() -> relationships.stream().filter(r -> r.involves(p)
                                    && (r.type().equals("partner") || r.type().equals("ex-partner") || r.type().equals("household-member")))
                            .map(Relationship::type).findFirst().orElse("other"));
            roles.put(p, role);
        }
        return roles;
    }

    /**
     * For one type of event: the rules that look at it, which of the rules' matches (by slot) name it, and of those
     * the slots whose conditions read only the event, with their conditions.
     */
    record Route(int[] rules, boolean[] typeMatches, int[] eventOnlySlots, Conditions.Condition[] eventOnlyConditions) {
    }

    /** Which rules look at which types of event: a rule sees only the events its patterns name. */
    static final class Dispatch {
        private final List<CompiledRule> rules;
        private final List<Match> slots;
        private final Map<String, Route> byType = new ConcurrentHashMap<>();

        Dispatch(List<CompiledRule> rules, List<Match> slots) {
            this.rules = rules;
            this.slots = slots;
        }

        Route route(String type) {
            // A plain read first: a type is seen millions of times and added once.
            Route known = byType.get(type);
            return known != null ? known : byType.computeIfAbsent(type, t -> {
                var typeMatches = new boolean[slots.size()];
                for (int i = 0; i < typeMatches.length; i++) {
                    typeMatches[i] = slots.get(i).typeMatches(t);
                }
                int[] interested = IntStream.range(0, rules.size())
                        .filter(r -> IntStream.of(rules.get(r).slots).anyMatch(slot -> typeMatches[slot])).toArray();
                var eventOnly = new LinkedHashMap<Integer, Conditions.Condition>();
                for (int r : interested) {
                    for (int slot : rules.get(r).slots) {
                        Conditions.Condition c = rules.get(r).condition(slot);
                        if (typeMatches[slot] && c != null && c.eventOnly()) {
                            eventOnly.put(slot, c);
                        }
                    }
                }
                return new Route(interested, typeMatches, eventOnly.keySet().stream().mapToInt(Integer::intValue).toArray(),
                        eventOnly.values().toArray(Conditions.Condition[]::new));
            });
        }
    }

    /**
     * A rule with its conditions compiled once. Each of its matches has a slot, a number unique in the engine, by
     * which an event's route says at once whether the match names the event's type.
     */
    static final class CompiledRule {
        final Rule rule;
        private final IdentityHashMap<Match, Integer> slotOf = new IdentityHashMap<>();
        private final int[] slots;
        private final Match[] matches;
        private final Conditions.Condition[] conditions;
        private final Conditions.Condition state;
        private final Conditions.Condition about;
        private final String message;
        private final String learning;
        private final String key;

        /** @param slots every match of the engine so far; this rule's are added */
        CompiledRule(Rule rule, List<Match> slots) {
            this.rule = rule;
            // An alert's message: the description's first sentence, and what to do now where the rule says.
            this.message = rule.description().split("(?<=\\.)\\s", 2)[0] + (rule.action() == null ? "" : " " + rule.action());
            this.learning = String.join("; ", rule.learning());
            this.key = rule.key();
            this.about = rule.about() == null ? null : Conditions.compile(rule.about());
            this.state = rule.pattern() instanceof Pattern.State s ? Conditions.compile(s.when()) : null;
            int first = slots.size();
            for (Match m : matches(rule.pattern())) {
                if (!slotOf.containsKey(m)) {
                    slotOf.put(m, slots.size());
                    slots.add(m);
                }
            }
            this.slots = IntStream.range(first, slots.size()).toArray();
            this.matches = new Match[this.slots.length];
            this.conditions = new Conditions.Condition[this.slots.length];
            slotOf.forEach((m, slot) -> {
                matches[slot - first] = m;
                conditions[slot - first] = m.where() == null ? null : Conditions.compile(m.where());
            });
        }

        String message() {
            return message;
        }

        String learning() {
            return learning;
        }

        /** The rule's id and version, as alerts name it. */
        String key() {
            return key;
        }

        /** Who the alert is about, when the rule says; else null. */
        Conditions.Condition about() {
            return about;
        }

        /** The condition of a state pattern. */
        Conditions.Condition state() {
            return state;
        }

        /** The slot of one of this rule's matches. */
        int slot(Match m) {
            return slotOf.get(m);
        }

        /** The condition of the match in a slot of this rule, or null. */
        Conditions.Condition condition(int slot) {
            return conditions[slot - slots[0]];
        }

        /** The match in a slot of this rule. */
        Match match(int slot) {
            return matches[slot - slots[0]];
        }

        static List<Match> matches(Pattern p) {
            if (p instanceof Pattern.OnEvent x) {
                return List.of(x.match());
            } else if (p instanceof Pattern.Count x) {
                return List.of(x.match());
            } else if (p instanceof Pattern.Absence x) {
                return x.unless() == null ? List.of(x.after(), x.expect()) : List.of(x.after(), x.expect(), x.unless());
            } else if (p instanceof Pattern.Sequence x) {
                return List.of(x.first(), x.then());
            } else if (p instanceof Pattern.State x) {
                return List.of(x.at());
            }
            return ((Pattern.Score) p).points().stream().map(Pattern.Weight::match).toList();
        }
    }

    /** For the agencies of a file, by id. */
    static Map<String, String> kinds(List<Agency> agencies) {
        var m = new HashMap<String, String>();
        agencies.forEach(a -> m.put(a.id(), a.kind()));
        return m;
    }
}
