package org.cradle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.cradle.access.Accounts;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.web.Services;
import org.cradle.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Start the server on the embedded database with the seed cases loaded, ready in a browser.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE}: this machine only)")
    String host;

    @Option(names = "--examples", paramLabel = "DIR", description = "case files to load (default: the repository's examples/)")
    Path examples;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Path folder = examples != null ? examples : Path.of(System.getProperty("cradle.home", "."), "examples");
        String password = System.getenv().getOrDefault("CRADLE_DEMO_PASSWORD", "demo");
        Database db = store.open();
        var importer = new Importer(db, Clock.systemDefaultZone());
        var engine = org.cradle.rules.StandardEngine.from(Path.of(System.getProperty("cradle.home", "."), "rules"));
        var alerts = new org.cradle.store.AlertStore(db, Clock.systemDefaultZone());
        var audit = new org.cradle.audit.AuditLog(db, Clock.systemUTC());
        for (Path file : caseFiles(folder)) {
            try {
                var result = importer.importFile(file, "demo");
                if (!result.alreadyStored()) {
                    audit.record(new org.cradle.audit.AuditLog.Entry("demo", "import case file", null,
                            file.getFileName() + " (import " + result.importId() + "): " + result.eventsAdded() + " events added", "command line", null));
                }
                out.println(file.getFileName() + (result.alreadyStored() ? ": already loaded"
                        : ": loaded " + result.eventsAdded() + " events, " + alerts.refreshImport(result.importId(), engine) + " alerts"));
            } catch (InvalidCaseFileException e) {
                spec.commandLine().getErr().println(e.getMessage());
                db.close();
                return 1;
            }
        }
        new org.cradle.store.CaseTeams(db, Clock.systemDefaultZone()).place(org.cradle.access.TeamPlacement.demo(), "demo");
        var accounts = Accounts.demo(password);
        var server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start(host, port);
        out.println();
        out.println("Cradle is ready: http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/");
        out.println("Sign in as one of these demo users, password \"" + password + "\" (set CRADLE_DEMO_PASSWORD to change it):");
        accounts.all().forEach(a -> out.printf("  %-14s %-18s %s%n", a.username(), a.role(), a.name()));
        out.println("From a child's chronology: Plan and meetings (the plan, the core group, conferences), Escalations (anyone, foster carers");
        out.println("included, can raise one); /inbox shows what was sent to you. Transfers between areas: docs/workflows.md.");
        out.println("Stop with Ctrl-C.");
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            db.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static List<Path> caseFiles(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no examples folder at " + folder.toAbsolutePath() + " (give --examples DIR)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".casefile.json")).sorted().toList();
        }
    }
}
