package org.cradle.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;

/**
 * Records one new event about a stored person, as their agency: the event goes in a one-event case file that names
 * the person exactly as stored, through the same validation and append-only import as any file an agency sends
 * (audited as an import, idempotent, nothing half-stored).
 */
public final class EventRecorder {

    private final Database database;
    private final Importer importer;

    public EventRecorder(Database database, Importer importer) {
        this.database = database;
        this.importer = importer;
    }

    private record Stored(String area, String areaName, String localId, String document) {
    }

    /**
     * @param agency the recording agency as {@code AREA/LOCAL-ID}
     * @param event  the event as the case-file format has it, without {@code id}, {@code agency} or {@code subjects}
     * @return empty when there is no such person or no such agency in the store
     */
    public Optional<ImportResult> record(long personId, String agency, ObjectNode event, String user) throws IOException, InvalidCaseFileException {
        String[] key = agency.split("/", 2);
        var person = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT p.area_code, a.name, p.local_id, p.document FROM person p LEFT JOIN area a ON a.code = p.area_code WHERE p.id = :id""")
                .bind("id", personId).map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).findFirst());
        var agencyDocument = key.length < 2 ? Optional.<String>empty() : database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT document FROM agency WHERE area_code = :area AND local_id = :id")
                .bind("area", key[0]).bind("id", key[1]).mapTo(String.class).findFirst());
        if (person.isEmpty() || agencyDocument.isEmpty()) {
            return Optional.empty();
        }
        var file = Json.MAPPER.createObjectNode();
        file.put("format", "casefile/1");
        var area = file.putObject("area").put("code", person.get().area());
        if (person.get().areaName() != null) {
            area.put("name", person.get().areaName());
        }
        file.putArray("agencies").add(Json.read(agencyDocument.get()));
        file.putArray("people").add(Json.read(person.get().document()));
        event.put("id", "recorded-" + UUID.randomUUID());
        event.put("agency", key[1]);
        event.putArray("subjects").add(person.get().localId());
        file.putArray("events").add(event);
        Path tmp = Files.createTempFile("cradle-recorded-", ".casefile.json");
        try {
            Files.writeString(tmp, Json.write(file));
            return Optional.of(importer.importFile(tmp, user));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
