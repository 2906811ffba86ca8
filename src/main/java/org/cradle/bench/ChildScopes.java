package org.cradle.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cradle.casefile.CaseFile;
import org.cradle.chronology.Event;
import org.cradle.people.FamilyNetwork;
import org.cradle.people.Person;
import org.cradle.people.Relationship;
import org.cradle.people.Tie;

/**
 * Each child's event stream, as Cradle's engine scopes it (RuleEngine.replay): the children of concern, and for each
 * the events of the child and of every adult around them (FamilyNetwork), in event time then id, up to the end.
 * The Drools peer is fed these streams; a Drools deployment would have to gather them in Java just the same.
 */
final class ChildScopes {

    /** One child's stream. {@code end} is the day the clock finally moves to (the history's last day). */
    record Scope(Person child, List<Event> events, LocalDate end, List<String> socialCareAgencies) {
    }

    private ChildScopes() {
    }

    static List<Scope> of(CaseFile file, LocalDate until) {
        var people = new LinkedHashMap<String, Person>();
        file.people().forEach(p -> people.put(p.id(), p));
        List<String> socialCare = file.agencies().stream().filter(a -> a.kind().equals("childrens-social-care"))
                .map(a -> a.id()).sorted().toList();
        var order = new ArrayList<>(file.events());
        order.sort(Comparator.comparing((Event e) -> e.occurred().first()).thenComparing(Event::id));
        LocalDate end = until != null ? until : order.isEmpty() ? LocalDate.MIN : order.get(order.size() - 1).occurred().last();
        var byPerson = new HashMap<String, List<Integer>>();
        for (int i = 0; i < order.size(); i++) {
            for (String p : order.get(i).people()) {
                byPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        var relationshipsByPerson = new HashMap<String, List<Tie<String>>>();
        for (Relationship r : file.relationships()) {
            var tie = new Tie<>(r.from(), r.to(), r.type(), r.fromDate() == null ? null : r.fromDate().first());
            relationshipsByPerson.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(tie);
            relationshipsByPerson.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(tie);
        }
        var scopes = new ArrayList<Scope>();
        for (Person child : childrenOfConcern(file, people)) {
            var network = FamilyNetwork.around(child.id(), id -> relationshipsByPerson.getOrDefault(id, List.of()), null);
            var positions = new TreeSet<Integer>();
            network.forEach(p -> positions.addAll(byPerson.getOrDefault(p, List.of())));
            var events = new ArrayList<Event>(positions.size());
            for (int i : positions) {
                Event e = order.get(i);
                if (e.occurred().first().isAfter(end)) {
                    break;
                }
                events.add(e);
            }
            scopes.add(new Scope(child, events, end, socialCare));
        }
        return scopes;
    }

    /** As RuleEngine.childrenOfConcern: children who are not themselves parents; where there are none, the expectant mother. */
    private static List<Person> childrenOfConcern(CaseFile file, Map<String, Person> people) {
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
                .flatMap(e -> e.subjects().stream()).distinct().map(people::get).filter(Objects::nonNull).limit(1).toList();
    }
}
