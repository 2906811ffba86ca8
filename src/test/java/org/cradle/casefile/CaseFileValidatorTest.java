package org.cradle.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is refused with a message naming the place of the fault. */
class CaseFileValidatorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/London"));
    final CaseFileValidator validator = new CaseFileValidator(Vocabulary.standard(), CLOCK);

    @ParameterizedTest
    @MethodSource("org.cradle.casefile.Seeds#all")
    void everySeedCaseIsValid(Path seed) throws IOException {
        Validation v = validator.validate(seed);
        assertThat(v.faults()).isEmpty();
        assertThat(v.count(Section.EVENTS)).isGreaterThan(30);
    }

    @Test
    void malformedJsonNamesTheLineAndTheElement() throws IOException {
        String text = Files.readString(Seeds.file("family-t")).replaceFirst("\"id\": \"e003\",", "\"id\": \"e003\",,");
        assertThat(faults(text)).singleElement().asString()
                .startsWith("$.events[").contains("malformed JSON at line").contains("column");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        String text = Files.readString(Seeds.file("family-t"));
        assertThat(faults(text.substring(0, text.length() / 2))).singleElement().asString()
                .contains("the file ends unexpectedly").contains("truncated");
    }

    @Test
    void wrongTypesAreNamedByPath() {
        assertThat(faultsAfter(f -> event(f, 3).put("occurred", 2018))).contains("$.events[3].occurred: not a date: 2018");
        assertThat(faultsAfter(f -> event(f, 4).putArray("subjects").add(7))).contains("$.events[4].subjects[0]: must be a person id (text), not 7");
        assertThat(faultsAfter(f -> event(f, 5).put("details", "bruise"))).contains("$.events[5].details: must be an object");
        assertThat(faultsAfter(f -> f.put("events", "none"))).contains("$.events: must be a list");
    }

    @Test
    void impossibleAndFutureDatesAreRefused() {
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2018-13-01")))
                .contains("$.events[12].occurred: not a date: \"2018-13-01\" (YYYY-MM-DD, YYYY-MM or a date-time with offset)");
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2018-02-30"))).anyMatch(s -> s.startsWith("$.events[12].occurred: not a date"));
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2027-01-05")))
                .contains("$.events[12].occurred: in the future: \"2027-01-05\" (today is 2026-11-23)");
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2018-06-10").put("recorded", "2018-05-01")))
                .contains("$.events[12].recorded: recorded (2018-05-01) before it occurred (2018-06-10)");
    }

    @Test
    void theSameMomentWrittenInAnotherOffsetIsNotRecordedBeforeItOccurred() {
        // 23:30 UTC on the 17th is 00:30 BST on the 18th: by their own days the record would precede the event.
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2018-06-18T00:30+01:00").put("recorded", "2018-06-17T23:30Z")))
                .isEmpty();
        assertThat(faultsAfter(f -> event(f, 12).put("occurred", "2018-06-18T00:30+01:00").put("recorded", "2018-06-17T23:29Z")))
                .contains("$.events[12].recorded: recorded (2018-06-17T23:29Z) before it occurred (2018-06-18T00:30+01:00)");
    }

    @Test
    void aNulCharacterInTextIsRefusedWhereItIs() {
        assertThat(faultsAfter(f -> event(f, 4).put("summary", "before\u0000after")))
                .contains("$.events[4].summary: contains a NUL character (\\u0000), which text cannot hold");
        assertThat(faultsAfter(f -> ((ObjectNode) event(f, 4).get("details")).put("x_note", "a\u0000b")))
                .contains("$.events[4].details.x_note: contains a NUL character (\\u0000), which text cannot hold");
    }

    @Test
    void textLongerThanTheRecordKeepsIsRefusedByName() {
        assertThat(faultsAfter(f -> event(f, 2).put("type", "other." + "x".repeat(120))))
                .contains("$.events[2].type: too long: 126 characters (at most 100)");
        assertThat(faultsAfter(f -> ((ObjectNode) f.get("people").get(1)).put("label", "L".repeat(401))))
                .contains("$.people[1].label: too long: 401 characters (at most 400)");
    }

    @Test
    void anUnbornChildMayBeExpectedInTheFuture() {
        assertThat(faultsAfter(f -> ((ObjectNode) f.get("people").get(2)).put("kind", "unborn").putNull("birth").put("expected", "2027-02")))
                .isEmpty();
    }

    @Test
    void referencesToIdsNotInTheFileAreRefused() {
        assertThat(faultsAfter(f -> event(f, 7).put("agency", "nobody")))
                .contains("$.events[7].agency: refers to an agency \"nobody\", which is not in the file");
        assertThat(faultsAfter(f -> event(f, 7).putArray("subjects").add("twin3")))
                .contains("$.events[7].subjects[0]: refers to a person \"twin3\", which is not in the file");
        assertThat(faultsAfter(f -> ((ObjectNode) f.get("relationships").get(0)).put("to", "twin9")))
                .contains("$.relationships[0].to: refers to a person \"twin9\", which is not in the file");
        assertThat(faultsAfter(f -> event(f, 9).put("type", "info.shared").putObject("details")
                .put("x", 1).putArray("events").add("e404")))
                .anyMatch(s -> s.startsWith("$.events[9].details.events[0]: refers to an event \"e404\", which is not in the file"));
    }

    @Test
    void duplicateIdsNameBothPlaces() {
        String third = seed().get("events").get(2).get("id").asText();
        assertThat(faultsAfter(f -> event(f, 10).put("id", third)))
                .contains("$.events[10].id: duplicate id \"" + third + "\" (also $.events[2])");
        assertThat(faultsAfter(f -> ((ObjectNode) f.get("people").get(3)).put("id", "mother")))
                .contains("$.people[3].id: duplicate id \"mother\" (also $.people[0])");
    }

    @Test
    void enumeratedAndRequiredDetailsAreChecked() {
        assertThat(faultsAfter(f -> event(f, 6).put("type", "health.injury").putObject("details").put("injury", "graze")))
                .anyMatch(s -> s.startsWith("$.events[6].details.injury: not one of bite, bruise, burn, fracture, head, other: \"graze\""));
        assertThat(faultsAfter(f -> event(f, 6).put("type", "conference.held").putObject("details").put("kind", "initial")))
                .contains("$.events[6].details.outcome: missing: required for conference.held");
        assertThat(faultsAfter(f -> event(f, 6).put("validity", 7)))
                .contains("$.events[6].validity: must be 1 (known to be true) to 5 (suspected false), not 7");
    }

    @Test
    void unknownKeysAndTypesAreKeptWithAWarningNotRefused() throws IOException {
        ObjectNode file = seed();
        event(file, 3).put("x_local_flag", true).put("colour", "red");
        event(file, 4).put("type", "case.reopened");
        Validation v = validator.validate(stream(Json.write(file)));
        assertThat(v.faults()).isEmpty();
        assertThat(v.warnings()).extracting(Fault::toString).containsExactly(
                "$.events[3].colour: unknown key, kept as it is (extensions start with x_)",
                "$.events[4].type: \"case.reopened\" is not a type of the format; kept as free-form (write other.* for local types)");
    }

    @Test
    void aFileThatIsNotACaseFileAtAllSaysSo() {
        assertThat(faults("[1, 2, 3]")).containsExactly("$: a case file is one JSON object");
        assertThat(faults("{\"format\": \"casefile/2\"}")).contains(
                "$.format: unsupported format \"casefile/2\" (this system reads \"casefile/1\")",
                "$.area: missing: the area the file comes from, {\"code\": ..., \"name\": ...}",
                "$.events: missing: a case file has a list of events");
    }

    // ---- helpers

    static ObjectNode seed() {
        try {
            return (ObjectNode) Json.read(Files.readString(Seeds.file("family-t")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ObjectNode event(ObjectNode file, int index) {
        return (ObjectNode) file.get("events").get(index);
    }

    java.util.List<String> faultsAfter(Consumer<ObjectNode> change) {
        ObjectNode file = seed();
        change.accept(file);
        return faults(Json.write(file));
    }

    java.util.List<String> faults(String text) {
        try {
            return validator.validate(stream(text)).faults().stream().map(Fault::toString).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
