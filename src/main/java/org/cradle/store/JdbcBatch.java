package org.cradle.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** A prepared insert fed row by row and sent as one batch: the bulk path, without per-row binding machinery. */
final class JdbcBatch {

    private final PreparedStatement statement;
    private int rows;

    JdbcBatch(Handle handle, String sql) {
        try {
            this.statement = handle.getConnection().prepareStatement(sql);
            handle.addCleanable(statement::close);
        } catch (SQLException e) {
            throw new StoreException("could not prepare " + sql, e);
        }
    }

    void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            rows++;
        } catch (SQLException e) {
            throw new StoreException("could not add a row", e);
        }
    }

    void execute() {
        if (rows == 0) {
            return;
        }
        try {
            statement.executeBatch();
            rows = 0;
        } catch (SQLException e) {
            throw new StoreException("could not store a batch of rows", e.getNextException() != null ? e.getNextException() : e);
        }
    }
}
