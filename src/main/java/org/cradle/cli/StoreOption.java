package org.cradle.cli;

import org.cradle.store.Database;
import picocli.CommandLine.Option;

/** {@code --db URL}: which store to use; the embedded database under ./data/ (or $CRADLE_DB) when not given. */
final class StoreOption {

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the store (default: embedded database under ./data/ or $CRADLE_DB)")
    String url;

    Database open() {
        return Database.open(url == null ? Database.defaultUrl() : url);
    }
}
