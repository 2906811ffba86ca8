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
        String ignored = ignoredEscalation(db, engine, accounts);
        var server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start(host, port);
        out.println();
        out.println("Cradle is ready: http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/");
        out.println("Sign in as one of these demo users, password \"" + password + "\" (set CRADLE_DEMO_PASSWORD to change it):");
        accounts.all().forEach(a -> out.printf("  %-14s %-18s %s%n", a.username(), a.role(), a.name()));
        out.println("From a child's chronology: Plan and meetings (the plan, the core group, conferences), Escalations (anyone, foster carers");
        out.println("included, can raise one), Transfers (send the record to a trusted area; /transfers receives one); /inbox shows what");
        out.println("was sent to you. See docs/workflows.md.");
        if (ignored != null) {
            out.println(ignored);
        }
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

    /**
     * An escalation for the demo to watch move on by itself: the foster carer's disagreement about Twin 2's contact with
     * Father, raised a fortnight ago with social care and ignored, so its first stage's time has run out and the clock's
     * sweep (a minute after the server starts) moves it to the managers and tells both sides. Seeded once per store.
     */
    static String ignoredEscalation(Database db, org.cradle.rules.RuleEngine engine, Accounts accounts) {
        var twin2 = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE area_code = 'E10000002' AND local_id = 'twin2'")
                .mapTo(Long.class).findFirst());
        var carer = accounts.all().stream().filter(a -> a.username().equals("fc.bucks")).findFirst();
        if (twin2.isEmpty() || carer.isEmpty()) {
            return null;
        }
        Clock fortnightAgo = Clock.offset(Clock.systemDefaultZone(), java.time.Duration.ofDays(-14));
        var escalations = new org.cradle.workflow.Workflows(db, engine, org.cradle.escalation.StageLimits.configured(), fortnightAgo).escalations();
        if (!escalations.of(twin2.get()).isEmpty()) {
            return null;
        }
        Long csc = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE area_code = 'E10000002' AND local_id = 'csc'")
                .mapTo(Long.class).findFirst().orElse(null));
        var raised = escalations.raise(twin2.get(), org.cradle.plan.Actor.of(db, carer.get()), csc, "sw.bucks", null,
                "Contact with Father goes on although Twin 2 came back from the last one bruised");
        return "Seeded: fc.bucks's escalation about Twin 2, raised " + raised.steps().get(0).at().toLocalDate() + " and ignored (stage 1 was due by "
                + raised.stageDue() + "): a minute after start the clock moves it on to the managers (Twin 2's Escalations page, /inbox).";
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
