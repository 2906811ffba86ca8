package org.cradle.store;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What each stored file's own ids meant in the store: its local person and agency ids, per import. Cached per use. */
final class ImportMappings {

    private final Handle h;
    private final Map<Long, Map<String, Long>> people = new HashMap<>();
    private final Map<Long, Map<String, Long>> agencies = new HashMap<>();

    ImportMappings(Handle h) {
        this.h = h;
    }

    Long person(long importId, String local) {
        return people.computeIfAbsent(importId, i -> load("import_person", "person_id", i)).get(local);
    }

    Long agency(long importId, String local) {
        return agencies.computeIfAbsent(importId, i -> load("import_agency", "agency_id", i)).get(local);
    }

    private Map<String, Long> load(String table, String column, long importId) {
        var map = new HashMap<String, Long>();
        h.createQuery("SELECT local_id, " + column + " FROM " + table + " WHERE import_id = :id").bind("id", importId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
