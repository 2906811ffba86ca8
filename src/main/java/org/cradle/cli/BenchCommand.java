package org.cradle.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.cradle.bench.ChronologyBenchmark;
import org.cradle.bench.ImportBenchmark;
import org.cradle.casefile.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Measure speed: 'import' (bulk import into both stores), 'chronology' (one child's chronology from a large store) "
        + "'rules' (replay with the full rule pack, then three representative rules beside Drools CEP), 'peer' (only the latter), "
        + "'live' (an event stored to its alert visible over the API, on both stores; --reads rounds), "
        + "'audit' (a chronology read with the audit trail on and off, side by side; --reads each), "
        + "'pages' (a child's overview and chronology pages, about 2,000 entries; --reads) "
        + "or 'linkage' (matching quality and speed on FEBRL4 and --records synthetic people, beside Duke 1.2). "
        + "The last line printed is one JSON object with the figures.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "import | chronology | rules | peer | live | audit | pages | linkage")
    String what;

    @Option(names = "--events", defaultValue = "1000000", description = "events to import, or in the store (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--reads", defaultValue = "2000", description = "chronology reads to time (default ${DEFAULT-VALUE})")
    int reads;

    @Option(names = "--db", paramLabel = "URL", description = "chronology: the store to read (built up to --events if it holds fewer); default an embedded store under ./bench-data/")
    String db;

    @Option(names = "--child", paramLabel = "ID", defaultValue = ChronologyBenchmark.CHILD,
            description = "chronology: the child to read, by the id in its generated file (default ${DEFAULT-VALUE})")
    String child;

    @Option(names = "--postgres", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            description = "import, audit, live: the PostgreSQL server to measure (a new schema is made and dropped; default ${DEFAULT-VALUE})")
    String postgres;

    @Option(names = "--febrl", paramLabel = "DIR", description = "linkage: the folder of the FEBRL data sets (default ../shared/data/febrl beside the repository)")
    java.nio.file.Path febrl;

    @Option(names = "--records", defaultValue = "200000", description = "linkage: synthetic records to deduplicate (default ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--duke", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "linkage: run Duke 1.2 side by side (--no-duke to skip it, e.g. at a million records)")
    boolean duke;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Map<String, Object> figures = switch (what) {
            case "import" -> ImportBenchmark.run((int) events, postgres, out);
            case "rules" -> org.cradle.bench.RulesBenchmark.run(events, org.cradle.rules.RulePack.defaultFolder(), out);
            case "peer" -> org.cradle.bench.PeerComparison.run((int) events, out);
            case "live" -> org.cradle.bench.LiveBenchmark.run(reads, java.nio.file.Path.of(System.getProperty("cradle.home", "."), "examples"),
                    postgres, org.cradle.rules.StandardEngine.from(org.cradle.rules.RulePack.defaultFolder()), out);
            case "pages" -> org.cradle.bench.PagesBenchmark.run(reads, out);
            case "audit" -> org.cradle.bench.AuditBenchmark.run(reads, java.nio.file.Path.of(System.getProperty("cradle.home", "."), "examples"),
                    postgres, out);
            case "chronology" -> ChronologyBenchmark.run(db != null ? db : org.cradle.store.Database.embeddedUrl(java.nio.file.Path.of("bench-data")),
                    events, reads, child, out);
            case "linkage" -> org.cradle.bench.LinkageBenchmark.run(febrl != null ? febrl
                    : java.nio.file.Path.of(System.getProperty("cradle.home", "."), "..", "shared", "data", "febrl"), records, duke, out);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "WHAT is import, chronology, rules, peer, live, audit, pages or linkage, not " + what);
        };
        out.println(Json.write(figures));
        return 0;
    }
}
