package org.cradle.store;

import org.jdbi.v3.core.Handle;

/** Hands out ids from a sequence that steps by 1000: one round trip per thousand rows. */
final class IdBlocks {

    static final int BLOCK = 1000;

    private final Handle handle;
    private final String sql;
    private long next;
    private long end;

    IdBlocks(Handle handle, Database.Kind kind, String sequence) {
        this.handle = handle;
        this.sql = kind.nextBlockSql(sequence);
    }

    long next() {
        if (next == end) {
            next = handle.createQuery(sql).mapTo(Long.class).one();
            end = next + BLOCK;
        }
        return next++;
    }
}
