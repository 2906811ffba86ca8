package org.cradle.rules;

import org.cradle.rules.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Timescales timescales;
    private final WorkingDays working;

    public RuleEngine(List<Rule> rules, Timescales timescales, WorkingDays working) {
        this.rules = rules.stream().map(CompiledRule::new).toList();
        this.timescales = timescales;
        this.working = working;
    }

    /** The alerts the rules would have raised over this history, up to and including {@code until} (null: its last event). */
    public List<Alert> replay(CaseFile file, LocalDate until) {
        var people = new LinkedHashMap<String, Person>();
        file.people().forEach(p -> people.put(p.id(), p));
        var agencyKinds = kinds(file.agencies());
        var agencyAreas = new HashMap<String, String>();
        file.agencies().forEach(a -> agencyAreas.put(a.id(), a.area()));
        var order = new ArrayList<>(file.events());
        // Event time, then id: the same history gives the same alerts whatever order a file lists it in.
        order.sort(Comparator.comparing((Event e) -> e.occurred().first()).thenComparing(Event::id));
        LocalDate end = until != null ? until : order.isEmpty() ? LocalDate.MIN : order.get(order.size() - 1).occurred().last();
        // Each person's events, as positions in event-time order, so a child's scope is gathered without a full scan.
        var byPerson = new HashMap<String, List<Integer>>();
        for (int i = 0; i < order.size(); i++) {
            for (String p : order.get(i).people()) {
                byPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        var relationshipsByPerson = new HashMap<String, List<Relationship>>();
        for (Relationship r : file.relationships()) {
            relationshipsByPerson.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            relationshipsByPerson.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
        }
        var alerts = new ArrayList<Alert>();
        for (Person child : childrenOfConcern(file, people)) {
            var network = FamilyNetwork.around(child.id(), id -> ties(relationshipsByPerson.getOrDefault(id, List.of()), id), null);
            var nearby = new ArrayList<Relationship>();
            network.forEach(p -> nearby.addAll(relationshipsByPerson.getOrDefault(p, List.of())));
            var session = new ChildSession(child, roles(child.id(), network, nearby), people, agencyKinds, agencyAreas,
                    file.area().code(), rules, timescales, working, alerts::add);
            var scope = new java.util.TreeSet<Integer>();
            network.forEach(p -> scope.addAll(byPerson.getOrDefault(p, List.of())));
            for (int i : scope) {
                Event e = order.get(i);
                if (e.occurred().first().isAfter(end)) {
                    break;
                }
                session.accept(e);
            }
            session.advanceTo(end);
        }
        alerts.sort(Comparator.comparing(Alert::raisedOn).thenComparing(Alert::subject).thenComparing(Alert::category).thenComparing(Alert::rule));
        return alerts;
    }

    /**
     * The children whose safety the alerts concern: every child and unborn child who is not themself the parent of
     * another child in the file (a looked-after teenage mother's own alerts come through her baby's); where there
     * is no child, the expectant mother.
     */
    static List<Person> childrenOfConcern(CaseFile file, Map<String, Person> people) {
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

    /** A rule with its conditions compiled once. */
    static final class CompiledRule {
        final Rule rule;
        private final Map<Match, Conditions.Condition> conditions = new HashMap<>();
        private final Conditions.Condition state;
        private final Conditions.Condition about;

        CompiledRule(Rule rule) {
            this.rule = rule;
            this.about = rule.about() == null ? null : Conditions.compile(rule.about());
            this.state = rule.pattern() instanceof Pattern.State s ? Conditions.compile(s.when()) : null;
            for (Match m : matches(rule.pattern())) {
                if (m.where() != null) {
                    conditions.put(m, Conditions.compile(m.where()));
                }
            }
        }

        /** Who the alert is about, when the rule says; else null. */
        Conditions.Condition about() {
            return about;
        }

        /** The condition of a state pattern. */
        Conditions.Condition state() {
            return state;
        }

        Conditions.Condition condition(Match m) {
            return conditions.get(m);
        }

        private static List<Match> matches(Pattern p) {
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
