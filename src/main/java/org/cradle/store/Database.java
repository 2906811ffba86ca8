package org.cradle.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The store: an embedded H2 database by default, PostgreSQL in production. Opening it brings its schema up to date
 * (Flyway migrations).
 */
public final class Database implements AutoCloseable {

    /** The two databases the store runs on; they differ in a handful of SQL words. */
    public enum Kind {
        H2, POSTGRESQL;

        String nextBlockSql(String sequence) {
            return this == H2 ? "SELECT NEXT VALUE FOR " + sequence : "SELECT nextval('" + sequence + "')";
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Kind kind;
    private final String url;

    private Database(String url) {
        this.url = url;
        this.kind = kindOf(url);
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(6);
        config.setPoolName("cradle");
        if (kind == Kind.POSTGRESQL) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        this.dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens (creating if need be) the store at a JDBC URL and migrates it. */
    public static Database open(String url) {
        return new Database(url);
    }

    /**
     * The store to use when none is named: {@code $CRADLE_DB} (a JDBC URL, or a folder for the embedded database),
     * else the embedded database under {@code ./data/}.
     */
    public static String defaultUrl() {
        String env = System.getenv("CRADLE_DB");
        if (env != null && !env.isBlank()) {
            return env.startsWith("jdbc:") ? env : embeddedUrl(Path.of(env));
        }
        return embeddedUrl(Path.of("data"));
    }

    /** The embedded database in a folder; a 128 MB page cache (H2's default is 16 MB) keeps bulk imports off the disk. */
    public static String embeddedUrl(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("cradle") + ";CACHE_SIZE=131072";
    }

    static Kind kindOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:postgresql://... or jdbc:h2:...): " + url);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A connection from the pool, to be closed by the caller: for the few statements on every request's path (the
     * audit trail's insert), where JDBI's handle costs as much as the statement.
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
