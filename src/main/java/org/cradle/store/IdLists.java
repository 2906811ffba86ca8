package org.cradle.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** Queries with a list of ids, sent in chunks so that no statement grows unbounded. */
public final class IdLists {

    // H2 checks each row it finds against the whole list, so a long list costs rows x list length.
    private static final int CHUNK = 500;

    private IdLists() {
    }

    /** Runs {@code sql}, whose {@code <ids>} is bound to each chunk of the ids in turn, and gathers the rows. */
    public static <T> List<T> chunked(Handle h, String sql, Collection<Long> ids, RowMapper<T> mapper) {
        return chunked(h, sql, ids, mapper, q -> { });
    }

    /** As {@link #chunked(Handle, String, Collection, RowMapper)}, with more parameters bound by {@code bind}. */
    public static <T> List<T> chunked(Handle h, String sql, Collection<Long> ids, RowMapper<T> mapper, java.util.function.Consumer<Query> bind) {
        var out = new ArrayList<T>();
        var list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += CHUNK) {
            Query q = h.createQuery(sql).bindList("ids", list.subList(i, Math.min(list.size(), i + CHUNK)));
            bind.accept(q);
            out.addAll(q.map(mapper).list());
        }
        return out;
    }

    public static List<Long> query(Handle h, String sql, Collection<Long> ids) {
        return chunked(h, sql, ids, (rs, ctx) -> rs.getLong(1));
    }

    /** Runs the update {@code sql}, whose {@code <ids>} is bound to each chunk of the ids in turn; gives the rows changed. */
    public static int update(Handle h, String sql, Collection<Long> ids) {
        int changed = 0;
        var list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += CHUNK) {
            changed += h.createUpdate(sql).bindList("ids", list.subList(i, Math.min(list.size(), i + CHUNK))).execute();
        }
        return changed;
    }
}
