package org.cradle.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntHashSet;
import com.carrotsearch.hppc.procedures.IntProcedure;
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

    private static final Comparator<Event> IN_EVENT_TIME = Comparator.comparing((Event e) -> e.occurred().first()).thenComparing(Event::id);

    private final List<Person> children;
    private final Map<String, IntArrayList> byPerson = new HashMap<>();
    private final Map<String, List<Tie<String>>> ties = new HashMap<>();
    private final List<Event> events;
    private final LocalDate end;
    private final List<String> socialCare;

    private ChildScopes(CaseFile file, LocalDate until) {
        var people = new LinkedHashMap<String, Person>();
        file.people().forEach(p -> people.put(p.id(), p));
        this.children = org.cradle.rules.RuleEngine.childrenOfConcern(file, people);
        this.socialCare = file.agencies().stream().filter(a -> a.kind().equals("childrens-social-care")).map(a -> a.id()).sorted().toList();
        this.events = file.events();
        this.end = until != null ? until : events.stream().max(IN_EVENT_TIME).map(e -> e.occurred().last()).orElse(LocalDate.MIN);
        for (int i = 0; i < events.size(); i++) {
            for (String p : events.get(i).people()) {
                byPerson.computeIfAbsent(p, k -> new IntArrayList()).add(i);
            }
        }
        for (Relationship r : file.relationships()) {
            var tie = new Tie<>(r.from(), r.to(), r.type(), r.fromDate() == null ? null : r.fromDate().first());
            ties.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(tie);
            ties.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(tie);
        }
    }

    /** What is needed to gather each child's stream; gathering one is left to {@link #scope}, so children go side by side. */
    static ChildScopes of(CaseFile file, LocalDate until) {
        return new ChildScopes(file, until);
    }

    List<Person> children() {
        return children;
    }

    Scope scope(Person child) {
        var positions = new IntHashSet();
        for (String p : FamilyNetwork.around(child.id(), id -> ties.getOrDefault(id, List.of()), null)) {
            IntArrayList mine = byPerson.get(p);
            if (mine != null) {
                positions.addAll(mine);
            }
        }
        var stream = new ArrayList<Event>(positions.size());
        positions.forEach((IntProcedure) i -> {
            if (!events.get(i).occurred().first().isAfter(end)) {
                stream.add(events.get(i));
            }
        });
        stream.sort(IN_EVENT_TIME);
        return new Scope(child, stream, end, socialCare);
    }
}
