package org.cradle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cradle.store.Database;

/** Fresh, empty stores for a benchmark run: an embedded one in a temporary folder, and a new PostgreSQL schema. */
final class BenchStores {

    private BenchStores() {
    }

    record Fresh(String name, String url, AutoCloseable cleanup) {
    }

    static Fresh embedded() throws IOException {
        Path folder = Files.createTempDirectory("cradle-bench-h2");
        return new Fresh("embedded (H2)", Database.embeddedUrl(folder), () -> deleteTree(folder));
    }

    static Fresh postgres(String serverUrl) throws SQLException {
        String schema = "cradle_bench_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(serverUrl); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Fresh("PostgreSQL", url, () -> {
            try (var c = DriverManager.getConnection(serverUrl); var s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
