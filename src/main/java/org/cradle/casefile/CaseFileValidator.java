package org.cradle.casefile;

import com.carrotsearch.hppc.LongIntHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.chronology.EventDate;

/**
 * Checks a case file whole against the format, in one streaming pass, and names the place of every fault.
 * Nothing is stored until a file passes.
 *
 * <p>Event ids are remembered as 64-bit hashes so that a file of millions of events is checked in little memory;
 * a false "duplicate id" would need a hash collision (about one in ten million for three million events).
 */
public final class CaseFileValidator {

    static final int MAX_FAULTS = 200;
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final Set<String> GRADES = Set.of("A", "B", "C", "D", "E");
    /** The longest text the store keeps for these keys (see the migrations). */
    private static final Map<String, Integer> LENGTH_LIMITS = Map.of("id", 200, "type", 100, "code", 64, "area", 64,
            "name", 1000, "label", 400, "role", 400, "given", 190, "family", 190);

    private final Vocabulary vocabulary;
    private final Clock clock;

    public CaseFileValidator(Vocabulary vocabulary, Clock clock) {
        this.vocabulary = vocabulary;
        this.clock = clock;
    }

    public Validation validate(Path file) throws IOException {
        var check = new Check();
        try {
            CaseFileParser.parse(file, EnumSet.allOf(Section.class), check);
        } catch (CaseFileParser.MalformedJson e) {
            return check.malformed(e.fault());
        }
        return check.result();
    }

    public Validation validate(InputStream in) throws IOException {
        var check = new Check();
        try {
            CaseFileParser.parse(in, EnumSet.allOf(Section.class), check);
        } catch (CaseFileParser.MalformedJson e) {
            return check.malformed(e.fault());
        }
        return check.result();
    }

    private record Pending(Section target, String id, String path) {
    }

    /** The state of one check: ids seen, references still to resolve, faults found. */
    private final class Check implements CaseFileParser.Visitor {
        private final LocalDate today = LocalDate.now(clock);
        private final List<Fault> faults = new ArrayList<>();
        private final List<Fault> warnings = new ArrayList<>();
        private int faultsLeftOut;
        private final Map<String, Integer> agencies = new HashMap<>();
        private final Map<String, Integer> people = new HashMap<>();
        private final LongIntHashMap events = new LongIntHashMap();
        private final Set<Section> seen = EnumSet.noneOf(Section.class);
        private final List<Pending> pending = new ArrayList<>();
        private final Map<String, String> storeReferences = new LinkedHashMap<>();
        private final Map<Section, Integer> counts = new EnumMap<>(Section.class);
        private ObjectNode header = Json.MAPPER.createObjectNode();

        void fault(String path, String message) {
            if (faults.size() < MAX_FAULTS) {
                faults.add(new Fault(path, message));
            } else {
                faultsLeftOut++;
            }
        }

        void warn(String path, String message) {
            if (warnings.size() < MAX_FAULTS) {
                warnings.add(new Fault(path, message));
            }
        }

        /** Past a syntax error nothing more can be said with confidence: that one fault is the answer. */
        Validation malformed(Fault fault) {
            return new Validation(header, List.of(fault), List.copyOf(warnings), Map.copyOf(counts), Map.of());
        }

        Validation result() {
            for (Pending p : pending) {
                if (!resolves(p.target(), p.id())) {
                    fault(p.path(), "refers to " + noun(p.target()) + " \"" + p.id() + "\", which is not in the file");
                }
            }
            for (Section s : Section.values()) {
                if (!seen.contains(s) && s != Section.RELATIONSHIPS) {
                    fault("$." + s.key(), "missing: a case file has a list of " + s.key());
                }
            }
            if (faultsLeftOut > 0) {
                faults.add(new Fault("$", "and " + faultsLeftOut + " more faults"));
            }
            return new Validation(header, List.copyOf(faults), List.copyOf(warnings), Map.copyOf(counts), Map.copyOf(storeReferences));
        }

        @Override
        public void header(ObjectNode header) {
            this.header = header;
            JsonNode format = header.get("format");
            if (format == null) {
                fault("$.format", "missing: must be \"casefile/1\"");
            } else if (!"casefile/1".equals(format.asText())) {
                fault("$.format", "unsupported format " + format + " (this system reads \"casefile/1\")");
            }
            JsonNode area = header.get("area");
            if (area == null || !area.isObject()) {
                fault("$.area", "missing: the area the file comes from, {\"code\": ..., \"name\": ...}");
            } else {
                requiredText(area, "code", "$.area");
                optionalText(area, "name", "$.area");
            }
            header.fieldNames().forEachRemaining(k -> {
                if (!k.equals("format") && !k.equals("area") && !k.startsWith("x_")) {
                    warn("$." + k, "unknown key, kept as it is (extensions start with x_)");
                }
            });
        }

        @Override
        public void notAList(Section section) {
            seen.add(section);
            fault("$." + section.key(), "must be a list");
        }

        @Override
        public void element(Section section, int index, ObjectNode node) {
            seen.add(section);
            counts.merge(section, 1, Integer::sum);
            String path = "$." + section.key() + "[" + index + "]";
            if (node == null) {
                fault(path, "must be an object");
                return;
            }
            noNulCharacters(node, path);
            switch (section) {
                case AGENCIES -> agency(node, path, index);
                case PEOPLE -> person(node, path, index);
                case RELATIONSHIPS -> relationship(node, path);
                case EVENTS -> event(node, path, index);
            }
        }

        private void agency(ObjectNode n, String path, int index) {
            String id = id(n, path);
            if (id != null && agencies.putIfAbsent(id, index) != null) {
                fault(path + ".id", "duplicate id \"" + id + "\" (also $.agencies[" + agencies.get(id) + "])");
            }
            requiredText(n, "name", path);
            word(n, "kind", path, vocabulary.agencyKinds(), true);
            optionalText(n, "area", path);
            unknownKeys(n, path, Set.of("id", "name", "kind", "area"));
        }

        private void person(ObjectNode n, String path, int index) {
            String id = id(n, path);
            if (id != null && people.putIfAbsent(id, index) != null) {
                fault(path + ".id", "duplicate id \"" + id + "\" (also $.people[" + people.get(id) + "])");
            }
            String kind = word(n, "kind", path, vocabulary.personKinds(), true);
            JsonNode names = list(n, "names", path);
            if (names != null) {
                for (int i = 0; i < names.size(); i++) {
                    String at = path + ".names[" + i + "]";
                    if (object(names.get(i), at)) {
                        optionalText(names.get(i), "given", at);
                        optionalText(names.get(i), "family", at);
                    }
                }
            }
            EventDate birth = date(n, "birth", path, true, false);
            date(n, "expected", path, false, false);
            if ("unborn".equals(kind) && birth != null) {
                fault(path + ".birth", "an unborn child has no birth date (give \"expected\"; a birth event makes them a child)");
            }
            optionalText(n, "sex", path);
            optionalText(n, "label", path);
            JsonNode ids = list(n, "identifiers", path);
            if (ids != null) {
                for (int i = 0; i < ids.size(); i++) {
                    String at = path + ".identifiers[" + i + "]";
                    if (object(ids.get(i), at)) {
                        requiredText(ids.get(i), "system", at);
                        requiredText(ids.get(i), "value", at);
                    }
                }
            }
            JsonNode addresses = list(n, "addresses", path);
            if (addresses != null) {
                for (int i = 0; i < addresses.size(); i++) {
                    String at = path + ".addresses[" + i + "]";
                    JsonNode a = addresses.get(i);
                    if (object(a, at)) {
                        optionalText(a, "line", at);
                        optionalText(a, "postcode", at);
                        EventDate from = date(a, "from", at, true, false);
                        EventDate to = date(a, "to", at, true, false);
                        order(from, to, at + ".to", "the address ends before it begins");
                        bool(a, "confidential", at);
                    }
                }
            }
            unknownKeys(n, path, Set.of("id", "kind", "names", "birth", "expected", "sex", "identifiers", "addresses", "label"));
        }

        private void relationship(ObjectNode n, String path) {
            reference(n, "from", path, Section.PEOPLE, true);
            reference(n, "to", path, Section.PEOPLE, true);
            word(n, "type", path, vocabulary.relationshipTypes(), true);
            optionalText(n, "role", path);
            EventDate from = date(n, "from_date", path, true, false);
            EventDate to = date(n, "to_date", path, true, false);
            order(from, to, path + ".to_date", "the relationship ends before it begins");
            unknownKeys(n, path, Set.of("from", "to", "type", "role", "from_date", "to_date"));
        }

        private void event(ObjectNode n, String path, int index) {
            String id = id(n, path);
            if (id != null) {
                long key = hash(id);
                if (events.containsKey(key)) {
                    fault(path + ".id", "duplicate id \"" + id + "\" (also $.events[" + events.get(key) + "])");
                } else {
                    events.put(key, index);
                }
            }
            String type = requiredText(n, "type", path);
            if (type != null && !type.startsWith("other.") && !vocabulary.isKnownType(type)) {
                warn(path + ".type", "\"" + type + "\" is not a type of the format; kept as free-form (write other.* for local types)");
            }
            EventDate occurred = date(n, "occurred", path, true, true);
            EventDate recorded = date(n, "recorded", path, true, false);
            if (occurred != null && recorded != null && recordedBefore(recorded, occurred)) {
                fault(path + ".recorded", "recorded (" + recorded + ") before it occurred (" + occurred + ")");
            }
            reference(n, "agency", path, Section.AGENCIES, true);
            JsonNode subjects = list(n, "subjects", path);
            if (subjects != null) {
                referenceList(subjects, path + ".subjects", Section.PEOPLE);
            }
            JsonNode about = list(n, "about", path);
            if (about != null) {
                for (int i = 0; i < about.size(); i++) {
                    String at = path + ".about[" + i + "]";
                    if (object(about.get(i), at)) {
                        reference(about.get(i), "person", at, Section.PEOPLE, true);
                        word(about.get(i), "as", at, vocabulary.involvement(), true);
                    }
                }
            }
            if ((subjects == null || subjects.isEmpty()) && (about == null || about.isEmpty())) {
                fault(path + ".subjects", "an event must be about someone: give its subjects");
            }
            optionalText(n, "summary", path);
            JsonNode source = n.get("source");
            if (source != null && !source.isNull() && object(source, path + ".source")) {
                word(source, "kind", path + ".source", vocabulary.sourceKinds(), false);
                word(source, "reliability", path + ".source", GRADES, false);
            }
            validity(n.get("validity"), path + ".validity");
            JsonNode shared = list(n, "shared_with", path);
            if (shared != null) {
                referenceList(shared, path + ".shared_with", Section.AGENCIES);
            }
            JsonNode supersedes = n.get("supersedes");
            if (supersedes != null && !supersedes.isNull()) {
                if (!supersedes.isTextual()) {
                    fault(path + ".supersedes", "must be an event id (text)");
                } else if (!events.containsKey(hash(supersedes.asText()))) {
                    storeReferences.put(path + ".supersedes", supersedes.asText());
                }
            }
            JsonNode details = n.get("details");
            if (details != null && !details.isNull() && !details.isObject()) {
                fault(path + ".details", "must be an object");
            } else if (type != null) {
                details(type, details, path + ".details");
            }
            unknownKeys(n, path, Set.of("id", "type", "occurred", "recorded", "agency", "subjects", "about", "summary",
                    "details", "source", "validity", "shared_with", "supersedes"));
        }

        private void details(String type, JsonNode details, String path) {
            for (Vocabulary.DetailRule rule : vocabulary.detailRules(type)) {
                JsonNode value = details == null ? null : details.get(rule.key());
                String at = path + "." + rule.key();
                if (value == null || value.isNull()) {
                    if (rule.required()) {
                        fault(at, "missing: required for " + type);
                    }
                    continue;
                }
                switch (rule.kind()) {
                    case "text" -> {
                        if (!value.isTextual()) {
                            fault(at, "must be text, not " + value);
                        }
                    }
                    case "number" -> {
                        if (!value.isNumber()) {
                            fault(at, "must be a number, not " + value);
                        }
                    }
                    case "bool" -> {
                        if (!value.isBoolean()) {
                            fault(at, "must be true or false, not " + value);
                        }
                    }
                    case "date" -> checkDate(value, at, false, false);
                    case "word" -> checkWord(value, at, rule.words());
                    case "words" -> {
                        if (isList(value, at)) {
                            for (int i = 0; i < value.size(); i++) {
                                checkWord(value.get(i), at + "[" + i + "]", rule.words());
                            }
                        }
                    }
                    case "agency" -> checkReference(value, at, Section.AGENCIES);
                    case "person" -> checkReference(value, at, Section.PEOPLE);
                    case "event" -> checkReference(value, at, Section.EVENTS);
                    case "agencies" -> {
                        if (isList(value, at)) {
                            referenceList(value, at, Section.AGENCIES);
                        }
                    }
                    case "people" -> {
                        if (isList(value, at)) {
                            referenceList(value, at, Section.PEOPLE);
                        }
                    }
                    case "events" -> {
                        if (isList(value, at)) {
                            referenceList(value, at, Section.EVENTS);
                        }
                    }
                    default -> throw new IllegalStateException("vocabulary: unknown detail kind " + rule.kind());
                }
            }
        }

        /** A NUL character cannot be stored as text (PostgreSQL refuses it): name where it is. */
        private void noNulCharacters(JsonNode node, String path) {
            if (node.isTextual()) {
                if (node.asText().indexOf('\u0000') >= 0) {
                    fault(path, "contains a NUL character (\\u0000), which text cannot hold");
                }
            } else if (node.isObject()) {
                node.fields().forEachRemaining(f -> noNulCharacters(f.getValue(), path + "." + f.getKey()));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    noNulCharacters(node.get(i), path + "[" + i + "]");
                }
            }
        }

        // ---- field checks; each names the path of what it finds wrong

        private String id(JsonNode n, String path) {
            String id = requiredText(n, "id", path);
            if (id != null && id.isBlank()) {
                fault(path + ".id", "must not be empty");
                return null;
            }
            return id;
        }

        private String requiredText(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                fault(path + "." + key, "missing");
                return null;
            }
            if (!v.isTextual()) {
                fault(path + "." + key, "must be text, not " + v);
                return null;
            }
            return withinLength(v.asText(), key, path);
        }

        private void optionalText(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v != null && !v.isNull() && !v.isTextual()) {
                fault(path + "." + key, "must be text, not " + v);
            } else if (v != null && v.isTextual()) {
                withinLength(v.asText(), key, path);
            }
        }

        /** Text longer than the record keeps for it is refused here, by name, not by the database half way through. */
        private String withinLength(String text, String key, String path) {
            Integer limit = LENGTH_LIMITS.get(key);
            if (limit != null && text.length() > limit) {
                fault(path + "." + key, "too long: " + text.length() + " characters (at most " + limit + ")");
                return null;
            }
            return text;
        }

        private void bool(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v != null && !v.isNull() && !v.isBoolean()) {
                fault(path + "." + key, "must be true or false, not " + v);
            }
        }

        private String word(JsonNode n, String key, String path, Set<String> words, boolean required) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    fault(path + "." + key, "missing: one of " + sorted(words));
                }
                return null;
            }
            return checkWord(v, path + "." + key, words);
        }

        private String checkWord(JsonNode v, String at, Set<String> words) {
            if (!v.isTextual() || !words.contains(v.asText())) {
                fault(at, "not one of " + sorted(words) + ": " + v);
                return null;
            }
            return v.asText();
        }

        private JsonNode list(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            return isList(v, path + "." + key) ? v : null;
        }

        private boolean isList(JsonNode v, String at) {
            if (!v.isArray()) {
                fault(at, "must be a list, not " + v);
                return false;
            }
            return true;
        }

        private boolean object(JsonNode v, String at) {
            if (!v.isObject()) {
                fault(at, "must be an object, not " + v);
                return false;
            }
            return true;
        }

        private EventDate date(JsonNode n, String key, String path, boolean past, boolean required) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    fault(path + "." + key, "missing: a date (YYYY-MM-DD, YYYY-MM or a date-time with offset)");
                }
                return null;
            }
            return checkDate(v, path + "." + key, past, true);
        }

        private EventDate checkDate(JsonNode v, String at, boolean past, boolean any) {
            if (!v.isTextual()) {
                fault(at, "not a date: " + v);
                return null;
            }
            var date = EventDate.parse(v.asText());
            if (date.isEmpty()) {
                fault(at, "not a date: " + v + " (YYYY-MM-DD, YYYY-MM or a date-time with offset)");
                return null;
            }
            EventDate d = date.get();
            if (d.first().isBefore(EARLIEST)) {
                fault(at, "implausible date: " + v + " (before " + EARLIEST.getYear() + ")");
            } else if (past && inFuture(d)) {
                fault(at, "in the future: " + v + " (today is " + today + ")");
            }
            return d;
        }

        private boolean inFuture(EventDate d) {
            if (d.precision() == EventDate.Precision.INSTANT) {
                return OffsetDateTime.parse(d.text()).toInstant().isAfter(clock.instant());
            }
            return d.first().isAfter(today);
        }

        private void order(EventDate from, EventDate to, String at, String message) {
            if (from != null && to != null && to.last().isBefore(from.first())) {
                fault(at, message + " (" + from + " to " + to + ")");
            }
        }

        private void validity(JsonNode v, String at) {
            if (v == null || v.isNull()) {
                return;
            }
            String text = v.isIntegralNumber() || v.isTextual() ? v.asText() : "";
            if (!Set.of("1", "2", "3", "4", "5").contains(text)) {
                fault(at, "must be 1 (known to be true) to 5 (suspected false), not " + v);
            }
        }

        private void reference(JsonNode n, String key, String path, Section target, boolean required) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    fault(path + "." + key, "missing: " + noun(target) + " id");
                }
                return;
            }
            checkReference(v, path + "." + key, target);
        }

        private void referenceList(JsonNode list, String at, Section target) {
            for (int i = 0; i < list.size(); i++) {
                checkReference(list.get(i), at + "[" + i + "]", target);
            }
        }

        private void checkReference(JsonNode v, String at, Section target) {
            if (!v.isTextual()) {
                fault(at, "must be " + noun(target) + " id (text), not " + v);
                return;
            }
            String id = v.asText();
            if (resolves(target, id)) {
                return;
            }
            if (seen.contains(target) && target != Section.EVENTS) {
                fault(at, "refers to " + noun(target) + " \"" + id + "\", which is not in the file");
            } else {
                pending.add(new Pending(target, id, at));
            }
        }

        private boolean resolves(Section target, String id) {
            return switch (target) {
                case AGENCIES -> agencies.containsKey(id);
                case PEOPLE -> people.containsKey(id);
                case EVENTS -> events.containsKey(hash(id));
                case RELATIONSHIPS -> false;
            };
        }

        private void unknownKeys(JsonNode n, String path, Set<String> known) {
            n.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k) && !k.startsWith("x_")) {
                    warn(path + "." + k, "unknown key, kept as it is (extensions start with x_)");
                }
            });
        }
    }

    /**
     * Two instants are compared as instants: the same moment may be written in two offsets, and its day in one can be
     * the day before its day in the other. Anything else is compared by its days.
     */
    private static boolean recordedBefore(EventDate recorded, EventDate occurred) {
        if (recorded.precision() == EventDate.Precision.INSTANT && occurred.precision() == EventDate.Precision.INSTANT) {
            return OffsetDateTime.parse(recorded.text()).isBefore(OffsetDateTime.parse(occurred.text()));
        }
        return recorded.last().isBefore(occurred.first());
    }

    private static String noun(Section s) {
        return switch (s) {
            case AGENCIES -> "an agency";
            case PEOPLE -> "a person";
            case EVENTS -> "an event";
            case RELATIONSHIPS -> "a relationship";
        };
    }

    private static String sorted(Set<String> words) {
        return String.join(", ", new java.util.TreeSet<>(words));
    }

    private static long hash(String id) {
        return IdHash.of(id);
    }
}
