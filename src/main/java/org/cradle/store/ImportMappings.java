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

    /** Reads the mappings of these imports in two queries, for a history drawn from many files. */
    void preload(java.util.Collection<Long> importIds) {
        var missing = importIds.stream().filter(i -> !people.containsKey(i)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(i -> {
            people.put(i, new HashMap<>());
            agencies.put(i, new HashMap<>());
        });
        IdLists.chunked(h, "SELECT import_id, local_id, person_id FROM import_person WHERE import_id IN (<ids>)", missing,
                (rs, ctx) -> people.get(rs.getLong(1)).put(rs.getString(2), rs.getLong(3)));
        IdLists.chunked(h, "SELECT import_id, local_id, agency_id FROM import_agency WHERE import_id IN (<ids>)", missing,
                (rs, ctx) -> agencies.get(rs.getLong(1)).put(rs.getString(2), rs.getLong(3)));
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
