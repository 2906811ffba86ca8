package org.cradle.casefile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.cradle.chronology.Agency;
import org.cradle.chronology.Area;
import org.cradle.chronology.Event;
import org.cradle.people.Person;
import org.cradle.people.Relationship;

/**
 * A whole case file in memory: for replay, tests and files of ordinary size. Large files are streamed instead
 * ({@link CaseFileReader}).
 *
 * @param header the top-level keys other than the lists (format, area and any x_ extensions)
 */
public record CaseFile(ObjectNode header, List<Agency> agencies, List<Person> people,
                       List<Relationship> relationships, List<Event> events) {

    public CaseFile {
        agencies = List.copyOf(agencies);
        people = List.copyOf(people);
        relationships = List.copyOf(relationships);
        events = List.copyOf(events);
    }

    public Area area() {
        var area = header.path("area");
        return new Area(area.path("code").asText(), area.path("name").asText(null));
    }

    /** Validates the file whole and reads it; refused whole, with every fault named, if it is invalid. */
    public static CaseFile load(Path file, Clock clock) throws IOException, InvalidCaseFileException {
        Validation validation = new CaseFileValidator(Vocabulary.standard(), clock).validate(file);
        if (!validation.ok()) {
            throw new InvalidCaseFileException(file.toString(), validation.faults());
        }
        return read(file, validation.header());
    }

    static CaseFile read(Path file, ObjectNode header) throws IOException {
        var agencies = new ArrayList<Agency>();
        var people = new ArrayList<Person>();
        var relationships = new ArrayList<Relationship>();
        var events = new ArrayList<Event>();
        String area = header.path("area").path("code").asText();
        CaseFileReader.read(file, area, EnumSet.allOf(Section.class), new CaseFileReader.Sink() {
            @Override
            public void agency(Agency a) {
                agencies.add(a);
            }

            @Override
            public void person(Person p) {
                people.add(p);
            }

            @Override
            public void relationship(Relationship r) {
                relationships.add(r);
            }

            @Override
            public void event(Event e) {
                events.add(e);
            }
        });
        return new CaseFile(header, agencies, people, relationships, events);
    }
}
