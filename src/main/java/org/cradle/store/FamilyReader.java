package org.cradle.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cradle.casefile.Json;
import org.cradle.people.Family;

/** Reads a child's family from the store: the people around them (as their chronology has them) and how they are related. */
public final class FamilyReader {

    private final Database database;
    private final ChronologyReader chronologies;

    public FamilyReader(Database database) {
        this.database = database;
        this.chronologies = new ChronologyReader(database);
    }

    public Optional<Family> family(long personId) {
        return database.jdbi().withHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM person WHERE id = :id").bind("id", personId).mapTo(Integer.class).one() == 0) {
                return Optional.empty();
            }
            Set<Long> ids = new LinkedHashSet<>(chronologies.network(h, personId, null));
            var members = IdLists.chunked(h, "SELECT id, kind, display_name, birth, expected, document FROM person WHERE id IN (<ids>)", ids,
                    (rs, ctx) -> new Family.Member(rs.getLong(1), rs.getString(2), rs.getString(3), text(Json.read(rs.getString(6)), "sex"),
                            rs.getString(4), rs.getString(5)));
            var links = new ArrayList<Family.Link>();
            var abuse = new ArrayList<Family.Abuse>();
            h.createQuery("SELECT from_person, to_person, type, document FROM relationship WHERE from_person IN (<ids>) AND to_person IN (<ids>) ORDER BY id")
                    .bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> {
                        JsonNode doc = Json.read(rs.getString(4));
                        return new Family.Link(rs.getLong(1), rs.getLong(2), rs.getString(3), text(doc, "role"), text(doc, "to_date"));
                    })
                    .forEach(l -> {
                        if (l.type().equals("alleged-perpetrator")) {
                            abuse.add(new Family.Abuse(l.from(), l.to(), "alleged perpetrator"));
                        } else {
                            links.add(l);
                        }
                    });
            h.createQuery("""
                            SELECT DISTINCT p.person_id, v.person_id FROM event_person p
                            JOIN event_person v ON v.event_id = p.event_id AND v.part = 'victim'
                            JOIN event e ON e.id = p.event_id
                            WHERE p.part = 'perpetrator' AND p.person_id IN (<ids>) AND v.person_id IN (<ids>) AND e.type = 'police.domestic-abuse'""")
                    .bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> new Family.Abuse(rs.getLong(1), rs.getLong(2), "domestic abuse recorded by police"))
                    .forEach(a -> {
                        if (abuse.stream().noneMatch(b -> b.perpetrator() == a.perpetrator() && b.victim() == a.victim())) {
                            abuse.add(a);
                        }
                    });
            return Optional.of(new Family(personId, members, links, abuse));
        });
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
