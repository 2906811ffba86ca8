package org.cradle.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.cradle.chronology.EventDate.Precision;

/**
 * Arbitrary valid case files (casefile/1) of varied shape, for property tests: agencies with and without an area of
 * their own; unborn children, children and adults with several names, identifiers and addresses (some confidential);
 * relationships with and without dates; events of every type of the vocabulary with valid details, unknown details
 * and x_ keys; dates to the month, the day or the instant with an offset; text in many scripts with quotes,
 * backslashes and emoji; decimals written as 1.10 and 0.5.
 *
 * <p>Elements name each other by index, resolved once the lists are known, so that every reference points at
 * something in the file (and at an earlier event, for events) however jqwik shrinks the lists.
 */
public final class ValidCaseFiles {

    /** No date is later than this: the tests' clock reads 2026-11-23, and this day is past even at offset -12:00. */
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate FIRST_DAY = LocalDate.of(1950, 1, 1);
    private static final LocalDate FIRST_EVENT_DAY = LocalDate.of(1995, 1, 1);

    private static final Vocabulary VOCABULARY = Vocabulary.standard();
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    private static final List<String> AREAS = List.of("E08000007", "E10000002", "W06000015", "S12000036");
    private static final List<String> TEXT = List.of("a", "Z", "7", " ", "Chloé", "Siobhán", "Łódź", "straße", "Ærø", "ñ",
            "😀", "👶🏽", "👨‍👩‍👧", "中文", "عربى", "\"", "'", "’", "“quoted”", "\\", "\\n", "C:\\temp\\", "\n", "\t", "<b>",
            "&amp;", "%_", "\u2028", "\u00a0", "1.10", "{}", "[", ",", ":", "—");
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHoursMinutes(-3, -30), ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12));

    private ValidCaseFiles() {
    }

    /** The ids of a file's lists, so that an index given by the generator names an element of the file. */
    private record Ids(List<String> agencies, List<String> people, List<String> earlierEvents) {
        JsonNode agency(int i) {
            return NODES.textNode(agencies.get(i % agencies.size()));
        }

        JsonNode person(int i) {
            return NODES.textNode(people.get(i % people.size()));
        }

        /** Null when no event comes before this one. */
        JsonNode event(int i) {
            return earlierEvents.isEmpty() ? null : NODES.textNode(earlierEvents.get(i % earlierEvents.size()));
        }
    }

    /** A part of an element that may name others; null means "leave it out". */
    private interface Part extends Function<Ids, JsonNode> {
    }

    private record Detail(String key, boolean required, Part value) {
    }

    private record Typed(String type, List<Detail> details, Map<String, JsonNode> unknown, boolean emptyDetailsWritten) {
    }

    private record When(String occurred, String recorded) {
    }

    /** Whole case files; their top-level keys come in any order, and the optional relationships list may be left out. */
    public static Arbitrary<ObjectNode> caseFiles() {
        Arbitrary<ObjectNode> area = Combinators.combine(Arbitraries.of(AREAS), maybe(text().map(NODES::textNode)))
                .as((code, name) -> put(NODES.objectNode().put("code", code), "name", name));
        return Combinators.combine(area,
                agency().list().ofMinSize(1).ofMaxSize(4),
                person().list().ofMinSize(1).ofMaxSize(5),
                relationship().list().ofMaxSize(4),
                event().list().ofMinSize(1).ofMaxSize(10),
                extensions(),
                Arbitraries.shuffle("format", "area", "agencies", "people", "relationships", "events", "x_"),
                Arbitraries.of(true, false)).as(ValidCaseFiles::file);
    }

    private static ObjectNode file(ObjectNode area, List<Function<String, ObjectNode>> agencies,
                                   List<Function<String, ObjectNode>> people, List<Part> relationships,
                                   List<Function<Ids, ObjectNode>> events, Map<String, JsonNode> x, List<String> keyOrder,
                                   boolean listRelationshipsWhenNone) {
        var agencyIds = ids(agencies.size(), "csc", "police", "école", "hv");
        var personIds = ids(people.size(), "mother", "twin", "bébé", "子");
        var eventIds = ids(events.size(), "e", "ev-", "é");
        var lists = new HashMap<String, ArrayNode>();
        lists.put("agencies", array(agencies.size(), i -> agencies.get(i).apply(agencyIds.get(i))));
        lists.put("people", array(people.size(), i -> people.get(i).apply(personIds.get(i))));
        var all = new Ids(agencyIds, personIds, List.of());
        lists.put("relationships", array(relationships.size(), i -> relationships.get(i).apply(all)));
        lists.put("events", array(events.size(), i -> {
            ObjectNode e = events.get(i).apply(new Ids(agencyIds, personIds, eventIds.subList(0, i)));
            // The id goes first, as agencies write it; the rest keeps its order.
            return NODES.objectNode().put("id", eventIds.get(i)).setAll(e);
        }));
        ObjectNode file = NODES.objectNode();
        for (String key : keyOrder) {
            switch (key) {
                case "format" -> file.put("format", "casefile/1");
                case "area" -> file.set("area", area);
                case "x_" -> x.forEach(file::set);
                case "relationships" -> {
                    if (!relationships.isEmpty() || listRelationshipsWhenNone) {
                        file.set(key, lists.get(key));
                    }
                }
                default -> file.set(key, lists.get(key));
            }
        }
        return file;
    }

    private static List<String> ids(int count, String... stems) {
        var ids = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            ids.add(stems[i % stems.length] + (i + 1));
        }
        return ids;
    }

    private static ArrayNode array(int size, IntFunction<JsonNode> element) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            a.add(element.apply(i));
        }
        return a;
    }

    // ---- agencies, people, relationships

    private static Arbitrary<Function<String, ObjectNode>> agency() {
        return Combinators.combine(text(), words(VOCABULARY.agencyKinds()), maybe(Arbitraries.of(AREAS).map(NODES::textNode)), extensions())
                .as((name, kind, area, x) -> id -> {
                    ObjectNode a = NODES.objectNode().put("id", id).put("name", name).put("kind", kind);
                    put(a, "area", area);
                    x.forEach(a::set);
                    return a;
                });
    }

    private static Arbitrary<Function<String, ObjectNode>> person() {
        Arbitrary<ObjectNode> name = Combinators.combine(maybe(text().map(NODES::textNode)), maybe(text().map(NODES::textNode)))
                .as((given, family) -> put(put(NODES.objectNode(), "given", given), "family", family));
        Arbitrary<ObjectNode> identifier = Combinators.combine(Arbitraries.of("nhs-number", "police-ni", "mosaic"), text())
                .as((system, value) -> NODES.objectNode().put("system", system).put("value", value));
        Arbitrary<ObjectNode> address = Combinators.combine(maybe(text().map(NODES::textNode)),
                        maybe(Arbitraries.of("SK1 3XE", "HP1 1AA", "CF10 1EP").map(NODES::textNode)),
                        day(FIRST_DAY), Arbitraries.integers().between(-1, 4000), Arbitraries.of(true, false), maybe(Arbitraries.of(true, false).map(NODES::booleanNode)))
                .as((line, postcode, from, days, month, confidential) -> {
                    ObjectNode a = put(put(NODES.objectNode(), "line", line), "postcode", postcode);
                    a.put("from", dayOrMonth(from, month));
                    if (days >= 0) {
                        a.put("to", dayOrMonth(min(from.plusDays(days), LAST_DAY), month));
                    }
                    return put(a, "confidential", confidential);
                });
        Arbitrary<ObjectNode> kindAndDates = Combinators.combine(Arbitraries.of("unborn", "child", "adult"), day(FIRST_DAY),
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((kind, day, month, known) -> {
                    ObjectNode p = NODES.objectNode().put("kind", kind);
                    switch (kind) {
                        case "unborn" -> (known ? p.putNull("birth") : p).put("expected", dayOrMonth(day, month));
                        case "child" -> p.put("birth", dayOrMonth(day, month));
                        default -> {
                            if (known) {
                                p.put("birth", dayOrMonth(day, month));
                            }
                        }
                    }
                    return p;
                });
        return Combinators.combine(kindAndDates, name.list().ofMaxSize(3), maybe(Arbitraries.of("female", "male", "unknown").map(NODES::textNode)),
                        identifier.list().ofMaxSize(2), address.list().ofMaxSize(2), maybe(text().map(NODES::textNode)), extensions())
                .as((kind, names, sex, identifiers, addresses, label, x) -> id -> {
                    ObjectNode p = NODES.objectNode().put("id", id).setAll(kind);
                    p.putArray("names").addAll(names);
                    put(p, "sex", sex);
                    if (!identifiers.isEmpty()) {
                        p.putArray("identifiers").addAll(identifiers);
                    }
                    if (!addresses.isEmpty()) {
                        p.putArray("addresses").addAll(addresses);
                    }
                    put(p, "label", label);
                    x.forEach(p::set);
                    return p;
                });
    }

    private static Arbitrary<Part> relationship() {
        return Combinators.combine(index(), index(), words(VOCABULARY.relationshipTypes()), maybe(text().map(NODES::textNode)),
                        day(FIRST_DAY).injectNull(0.4), Arbitraries.integers().between(-1, 5000), extensions())
                .as((from, to, type, role, since, days, x) -> ids -> {
                    ObjectNode r = NODES.objectNode();
                    r.set("from", ids.person(from));
                    r.set("to", ids.person(to));
                    r.put("type", type);
                    put(r, "role", role);
                    if (since == null) {
                        r.putNull("from_date");
                    } else {
                        r.put("from_date", since.toString());
                    }
                    if (since != null && days >= 0) {
                        r.put("to_date", min(since.plusDays(days), LAST_DAY).toString());
                    }
                    x.forEach(r::set);
                    return r;
                });
    }

    // ---- events

    private static Arbitrary<Function<Ids, ObjectNode>> event() {
        var about = Combinators.combine(index(), words(VOCABULARY.involvement())).as(Tuple::of);
        Arbitrary<ObjectNode> source = Combinators.combine(maybe(words(VOCABULARY.sourceKinds()).map(NODES::textNode)),
                        maybe(Arbitraries.of("A", "B", "C", "D", "E").map(NODES::textNode)))
                .as((kind, reliability) -> put(put(NODES.objectNode(), "kind", kind), "reliability", reliability));
        Arbitrary<JsonNode> validity = Arbitraries.integers().between(1, 5)
                .flatMap(v -> Arbitraries.of(NODES.numberNode((long) v), NODES.textNode(String.valueOf(v))));
        var who = Combinators.combine(index(), index().list().ofMaxSize(3), about.list().ofMaxSize(2),
                index().list().injectNull(0.6), index().injectNull(0.85));
        return Combinators.combine(typed(), when(), who.as(Tuple::of), maybe(text().map(NODES::textNode)),
                        maybe(source), maybe(validity), extensions())
                .as((typed, when, w, summary, src, valid, x) -> ids -> {
                    ObjectNode e = NODES.objectNode();
                    ObjectNode details = NODES.objectNode();
                    boolean unresolved = false;
                    for (Detail d : typed.details()) {
                        JsonNode value = d.value().apply(ids);
                        if (value != null) {
                            details.set(d.key(), value);
                        } else if (d.required()) {
                            unresolved = true;
                        }
                    }
                    typed.unknown().forEach(details::set);
                    // The first event has nothing earlier to refer to: a type that must refer back becomes a local one.
                    e.put("type", unresolved ? "other." + typed.type() : typed.type());
                    e.put("occurred", when.occurred());
                    if (when.recorded() != null) {
                        e.put("recorded", when.recorded());
                    }
                    e.set("agency", ids.agency(w.get1()));
                    ArrayNode subjects = e.putArray("subjects");
                    w.get2().forEach(i -> subjects.add(ids.person(i)));
                    if (!w.get3().isEmpty()) {
                        ArrayNode involved = e.putArray("about");
                        w.get3().forEach(a -> involved.addObject().<ObjectNode>set("person", ids.person(a.get1())).put("as", a.get2()));
                    } else if (subjects.isEmpty()) {
                        subjects.add(ids.person(0));
                    }
                    put(e, "summary", summary);
                    if (!details.isEmpty() || typed.emptyDetailsWritten()) {
                        e.set("details", details);
                    }
                    put(e, "source", src);
                    put(e, "validity", valid);
                    if (w.get4() != null) {
                        ArrayNode shared = e.putArray("shared_with");
                        w.get4().forEach(i -> shared.add(ids.agency(i)));
                    }
                    if (w.get5() != null && ids.event(w.get5()) != null) {
                        e.set("supersedes", ids.event(w.get5()));
                    }
                    x.forEach(e::set);
                    return e;
                });
    }

    /** A type of the vocabulary (or a local other.* type, or one the format does not know) with valid details. */
    private static Arbitrary<Typed> typed() {
        var types = new ArrayList<>(VOCABULARY.eventTypes());
        types.add("other.home-visit");
        types.add("case.reopened");
        Arbitrary<Map<String, JsonNode>> unknown = Arbitraries.maps(Arbitraries.of("x_case_note_ref", "score", "nested", "note_ñ"), json())
                .ofMaxSize(2);
        return Arbitraries.of(types).flatMap(type -> {
            List<Arbitrary<Detail>> details = VOCABULARY.detailRules(type).stream().map(ValidCaseFiles::detail).toList();
            return Combinators.combine(Combinators.combine(details).as(List::copyOf), unknown, Arbitraries.of(true, false))
                    .as((d, u, empty) -> new Typed(type, d, u, empty));
        });
    }

    private static Arbitrary<Detail> detail(Vocabulary.DetailRule rule) {
        Arbitrary<Part> value = switch (rule.kind()) {
            case "text" -> text().map(t -> ids -> NODES.textNode(t));
            case "number" -> number().map(n -> ids -> n);
            case "bool" -> Arbitraries.of(true, false).map(b -> ids -> NODES.booleanNode(b));
            case "date" -> Combinators.combine(day(FIRST_EVENT_DAY), Arbitraries.of(true, false)).as((d, m) -> ids -> NODES.textNode(dayOrMonth(d, m)));
            case "word" -> words(rule.words()).map(w -> ids -> NODES.textNode(w));
            case "words" -> words(rule.words()).list().ofMaxSize(3).map(ws -> ids -> {
                ArrayNode a = NODES.arrayNode();
                ws.forEach(a::add);
                return a;
            });
            case "agency" -> index().map(i -> ids -> ids.agency(i));
            case "person" -> index().map(i -> ids -> ids.person(i));
            case "event" -> index().map(i -> ids -> ids.event(i));
            case "agencies", "people", "events" -> index().list().ofMinSize(1).ofMaxSize(3).map(list -> ids -> {
                ArrayNode a = NODES.arrayNode();
                for (int i : list) {
                    JsonNode id = rule.kind().equals("agencies") ? ids.agency(i) : rule.kind().equals("people") ? ids.person(i) : ids.event(i);
                    if (id == null) {
                        return null;
                    }
                    a.add(id);
                }
                return a;
            });
            default -> throw new IllegalStateException("a detail kind this generator does not know: " + rule.kind());
        };
        if (!rule.required()) {
            value = Arbitraries.frequencyOf(Tuple.of(3, value), Tuple.of(2, Arbitraries.just(ids -> null)));
        }
        return value.map(v -> new Detail(rule.key(), rule.required(), v));
    }

    /**
     * When an event happened and when it was written down: to the month, the day or the instant, never in the future,
     * never recorded before it happened (an instant recorded later may be written in another offset).
     */
    private static Arbitrary<When> when() {
        return Combinators.combine(day(FIRST_EVENT_DAY), Arbitraries.of(Precision.class), Arbitraries.integers().between(0, 86_399),
                        Arbitraries.of(0, 500_000_000, 123_000_000), Arbitraries.of(OFFSETS),
                        Arbitraries.of(Precision.class).injectNull(0.4), Arbitraries.integers().between(0, 400 * 1440), Arbitraries.of(OFFSETS))
                .as((day, precision, second, nanos, offset, recordedPrecision, delayMinutes, recordedOffset) -> {
                    OffsetDateTime instant = OffsetDateTime.of(day, LocalTime.ofSecondOfDay(second).withNano(nanos), offset);
                    String occurred = switch (precision) {
                        case MONTH -> YearMonth.from(day).toString();
                        case DAY -> day.toString();
                        case INSTANT -> instant.toString();
                    };
                    if (recordedPrecision == null) {
                        return new When(occurred, null);
                    }
                    if (precision == Precision.INSTANT && recordedPrecision == Precision.INSTANT) {
                        OffsetDateTime later = instant.plusMinutes(delayMinutes).withOffsetSameInstant(recordedOffset);
                        return new When(occurred, later.toLocalDate().isAfter(LAST_DAY) ? occurred : later.toString());
                    }
                    LocalDate from = precision == Precision.MONTH ? day.withDayOfMonth(1) : day;
                    LocalDate recorded = min(from.plusDays(delayMinutes / 1440), LAST_DAY);
                    return new When(occurred, switch (recordedPrecision) {
                        case MONTH -> YearMonth.from(recorded).toString();
                        case DAY -> recorded.toString();
                        case INSTANT -> OffsetDateTime.of(recorded, LocalTime.ofSecondOfDay(second), recordedOffset).toString();
                    });
                });
    }

    // ---- values

    private static Arbitrary<String> text() {
        return Arbitraries.of(TEXT).list().ofMaxSize(5).map(pieces -> String.join("", pieces));
    }

    /**
     * Whole numbers, and decimals as written: 1.10 keeps its zero, 0.5 its point. Nodes are of the kinds reading the
     * text gives (long, BigDecimal with a point or an exponent), so that a file reads back as the tree it was made from.
     */
    private static Arbitrary<JsonNode> number() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-1000, 5_000_000).map(NODES::numberNode),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(10_000)).ofScale(2).map(d -> NODES.numberNode(d.setScale(2))),
                Arbitraries.of("1.10", "0.5", "100.0", "2.50", "0.000", "1E-7", "3.14159").map(s -> NODES.numberNode(new BigDecimal(s))));
    }

    /** Any JSON value, two levels deep: what an extension or an unknown detail may hold. */
    private static Arbitrary<JsonNode> json() {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(text().map(NODES::textNode), number(),
                Arbitraries.of(true, false).map(NODES::booleanNode), Arbitraries.just(NullNode.getInstance()));
        return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(scalar,
                inner.list().ofMaxSize(3).map(values -> NODES.arrayNode().addAll(values)),
                Arbitraries.maps(Arbitraries.of("a", "b", "ü", "x_y"), inner).ofMaxSize(3).map(fields -> {
                    ObjectNode o = NODES.objectNode();
                    fields.forEach(o::set);
                    return o;
                })), 2);
    }

    private static Arbitrary<Map<String, JsonNode>> extensions() {
        return Arbitraries.maps(Arbitraries.of("x_local_ref", "x_flag", "x_nested", "x_ünïcode", "x_😀"), json()).ofMaxSize(2);
    }

    /** An index into one of the file's lists (taken modulo its size). */
    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 20);
    }

    /** One of a set of words, in a fixed order so that a seed replays the same file. */
    private static Arbitrary<String> words(Set<String> words) {
        return Arbitraries.of(new TreeSet<>(words));
    }

    private static Arbitrary<LocalDate> day(LocalDate first) {
        return Arbitraries.integers().between(0, (int) ChronoUnit.DAYS.between(first, LAST_DAY)).map(first::plusDays);
    }

    private static String dayOrMonth(LocalDate day, boolean month) {
        return month ? YearMonth.from(day).toString() : day.toString();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? b : a;
    }

    /** A value, an explicit null, or nothing at all (the key left out). */
    private static Arbitrary<JsonNode> maybe(Arbitrary<? extends JsonNode> value) {
        return Arbitraries.frequencyOf(Tuple.of(3, value), Tuple.of(1, Arbitraries.just(NullNode.getInstance())),
                Tuple.of(1, Arbitraries.just(MissingNode.getInstance())));
    }

    private static ObjectNode put(ObjectNode node, String key, JsonNode value) {
        if (!value.isMissingNode()) {
            node.set(key, value);
        }
        return node;
    }
}
