package org.cradle.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Queries with a list of ids, sent in chunks so that no statement grows unbounded. */
final class IdLists {

    // H2 checks each row it finds against the whole list, so a long list costs rows x list length.
    private static final int CHUNK = 500;

    private IdLists() {
    }

    /** Runs {@code sql}, whose {@code <ids>} is bound to each chunk of the ids in turn, and gathers the rows. */
    static <T> List<T> chunked(Handle h, String sql, Collection<Long> ids, RowMapper<T> mapper) {
        var out = new ArrayList<T>();
        var list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += CHUNK) {
            out.addAll(h.createQuery(sql).bindList("ids", list.subList(i, Math.min(list.size(), i + CHUNK))).map(mapper).list());
        }
        return out;
    }

    static List<Long> query(Handle h, String sql, Collection<Long> ids) {
        return chunked(h, sql, ids, (rs, ctx) -> rs.getLong(1));
    }
}
