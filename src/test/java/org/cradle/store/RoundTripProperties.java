package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;
import org.cradle.casefile.ValidCaseFiles;

/**
 * Whatever valid case file an agency sends, the store gives it back: exported, it is the file that was sent, and
 * importing that export into another store and exporting again gives the very same text. On both databases.
 */
class RoundTripProperties {

    @Property(tries = 40)
    void anyValidCaseFileComesBackFromH2AsItWasSent(@ForAll("caseFiles") ObjectNode sent) throws Exception {
        comesBackAsSent(sent, TestStores::h2);
    }

    @Property(tries = 15)
    void anyValidCaseFileComesBackFromPostgresqlAsItWasSent(@ForAll("caseFiles") ObjectNode sent) throws Exception {
        comesBackAsSent(sent, TestStores::postgres);
    }

    @Provide
    Arbitrary<ObjectNode> caseFiles() {
        return ValidCaseFiles.caseFiles();
    }

    private static void comesBackAsSent(ObjectNode sent, Supplier<TestStores.TestStore> freshStore)
            throws IOException, InvalidCaseFileException {
        String text = Json.write(sent);
        assertThat(Json.read(text)).as("the generated file reads back as itself").isEqualTo(sent);
        String exported = importThenExport(text, freshStore);

        ObjectNode expected = sent.deepCopy();
        // The list is optional in a file (an export always writes it), and a relationship written twice in one file
        // is one relationship: the store keeps it once, as when a later file sends it again.
        var relationships = new LinkedHashMap<String, JsonNode>();
        sent.path("relationships").forEach(r -> relationships.putIfAbsent(Json.write(r), r));
        expected.putArray("relationships").addAll(relationships.values());
        JsonNode back = Json.read(exported);
        assertThat(back).isEqualTo(expected);
        // Tree equality counts 1.10 and 1.1 as the same number; what was sent must come back as it was written.
        assertThat(numbersNotAsSent(expected, back, "$", new ArrayList<>())).isEmpty();

        assertThat(importThenExport(exported, freshStore)).isEqualTo(exported);
    }

    private static String importThenExport(String caseFile, Supplier<TestStores.TestStore> freshStore)
            throws IOException, InvalidCaseFileException {
        Path file = Files.createTempFile("round-trip", ".casefile.json");
        try (var store = freshStore.get(); var db = store.open()) {
            Files.writeString(file, caseFile);
            new Importer(db, ImportExportTest.CLOCK).importFile(file, "test");
            return ImportExportTest.exportAll(db);
        } finally {
            Files.delete(file);
        }
    }

    /** The paths where a number came back written otherwise than it was sent (both trees have the same shape). */
    private static List<String> numbersNotAsSent(JsonNode sent, JsonNode back, String path, List<String> found) {
        if (sent.isNumber() && !sent.asText().equals(back.asText())) {
            found.add(path + ": sent " + sent.asText() + ", came back " + back.asText());
        }
        sent.fieldNames().forEachRemaining(k -> numbersNotAsSent(sent.get(k), back.get(k), path + "." + k, found));
        for (int i = 0; sent.isArray() && i < sent.size(); i++) {
            numbersNotAsSent(sent.get(i), back.get(i), path + "[" + i + "]", found);
        }
        return found;
    }
}
