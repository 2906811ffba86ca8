package org.cradle.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cradle.chronology.Agency;
import org.cradle.chronology.Event;
import org.cradle.chronology.EventDate;
import org.cradle.chronology.Involvement;
import org.cradle.chronology.Source;
import org.cradle.people.Address;
import org.cradle.people.Identifier;
import org.cradle.people.Person;
import org.cradle.people.PersonName;
import org.cradle.people.Relationship;

/** Turns the elements of a case file that has passed validation into the record's values, streaming; or one element. */
public final class CaseFileReader {

    /** Receives the elements of the lists asked for, in file order. */
    public interface Sink {
        default void agency(Agency agency) {
        }

        default void person(Person person) {
        }

        default void relationship(Relationship relationship) {
        }

        default void event(Event event) {
        }
    }

    private CaseFileReader() {
    }

    /** Reads a validated file; {@code defaultArea} is the file's area code, for agencies that give none. */
    public static void read(Path file, String defaultArea, Set<Section> sections, Sink sink) throws IOException {
        try {
            CaseFileParser.parse(file, sections, (section, index, node) -> {
                switch (section) {
                    case AGENCIES -> sink.agency(agency(node, defaultArea));
                    case PEOPLE -> sink.person(person(node));
                    case RELATIONSHIPS -> sink.relationship(relationship(node));
                    case EVENTS -> sink.event(event(node));
                }
            });
        } catch (CaseFileParser.MalformedJson e) {
            throw new IllegalStateException("the file changed after it was validated: " + e.getMessage(), e);
        }
    }

    public static Agency agency(ObjectNode n, String defaultArea) {
        return new Agency(text(n, "id"), text(n, "name"), text(n, "kind"),
                n.hasNonNull("area") ? text(n, "area") : defaultArea, Json.write(n));
    }

    public static Person person(ObjectNode n) {
        var names = new ArrayList<PersonName>();
        n.path("names").forEach(x -> names.add(new PersonName(text(x, "given"), text(x, "family"))));
        var ids = new ArrayList<Identifier>();
        n.path("identifiers").forEach(x -> ids.add(new Identifier(text(x, "system"), text(x, "value"))));
        var addresses = new ArrayList<Address>();
        n.path("addresses").forEach(x -> addresses.add(new Address(text(x, "line"), text(x, "postcode"),
                date(x, "from"), date(x, "to"), x.path("confidential").asBoolean(false))));
        return new Person(text(n, "id"), text(n, "kind"), names, date(n, "birth"), date(n, "expected"),
                text(n, "sex"), ids, addresses, text(n, "label"), Json.write(n));
    }

    public static Relationship relationship(ObjectNode n) {
        return new Relationship(text(n, "from"), text(n, "to"), text(n, "type"), text(n, "role"),
                date(n, "from_date"), date(n, "to_date"), Json.write(n));
    }

    public static Event event(ObjectNode n) {
        var about = new ArrayList<Involvement>();
        n.path("about").forEach(x -> about.add(new Involvement(text(x, "person"), text(x, "as"))));
        JsonNode source = n.get("source");
        JsonNode validity = n.get("validity");
        // The type and the agency are from small vocabularies that millions of events share: one copy of each.
        return new Event(
                text(n, "id"),
                text(n, "type").intern(),
                date(n, "occurred"),
                date(n, "recorded"),
                text(n, "agency").intern(),
                texts(n.get("subjects")),
                about,
                text(n, "summary"),
                n.hasNonNull("details") ? Json.toMap(n.get("details")) : null,
                source == null || source.isNull() ? null : new Source(text(source, "kind"), text(source, "reliability")),
                validity == null || validity.isNull() ? null : Integer.valueOf(validity.asText()),
                texts(n.get("shared_with")),
                text(n, "supersedes"),
                Json.write(n));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static EventDate date(JsonNode n, String key) {
        String text = text(n, key);
        return text == null ? null : EventDate.of(text);
    }

    private static List<String> texts(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        var out = new ArrayList<String>(list.size());
        list.forEach(x -> out.add(x.asText()));
        return out;
    }
}
