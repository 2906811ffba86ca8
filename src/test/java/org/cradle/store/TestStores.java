package org.cradle.store;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, empty stores for tests, on both databases the system runs on: an in-memory H2 and a new schema in the
 * PostgreSQL at 127.0.0.1:5432 (or {@code $CRADLE_TEST_PG}). A missing PostgreSQL fails the tests, never skips them.
 */
public final class TestStores {

    public static final String POSTGRES = System.getenv().getOrDefault("CRADLE_TEST_PG",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** A store that drops itself when closed. */
    public record TestStore(String name, String url, Runnable drop) implements AutoCloseable {
        public Database open() {
            return Database.open(url);
        }

        @Override
        public void close() {
            drop.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TestStores() {
    }

    /** One fresh store per database, for {@code @MethodSource}. */
    public static Stream<TestStore> both() {
        return Stream.of(h2(), postgres());
    }

    public static TestStore h2() {
        return new TestStore("H2", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", () -> { });
    }

    /** An embedded H2 in a folder on disk (for tests that need a second process to open it). */
    public static TestStore h2File(Path folder) {
        return new TestStore("H2 file", Database.embeddedUrl(folder), () -> { });
    }

    public static TestStore postgres() {
        String schema = "cradle_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        String url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore("PostgreSQL", url, () -> sql("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void sql(String statement) {
        try (var c = DriverManager.getConnection(POSTGRES); var s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the storage tests (" + POSTGRES + "): " + e.getMessage(), e);
        }
    }
}
