package org.cradle.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.cradle.casefile.Seeds;
import org.cradle.escalation.StageLimits;
import org.cradle.plan.Actor;
import org.cradle.plan.Plans;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.cradle.transfer.InstallationKeys;
import org.cradle.transfer.Transfers;
import org.cradle.workflow.Workflows;

/**
 * The other area's installation for the web's transfer tests: Stockport, with its own database holding Baby S (whom the
 * Buckinghamshire web server under test does not hold), its own keys, and a plan for Baby S. Its key folder and the web
 * server's trust each other: Buckinghamshire's names Stockport by area and name.
 */
final class Stockport implements AutoCloseable {

    static final String AREA = "E08000007";

    final TestStores.TestStore store = TestStores.h2();
    final Database db;
    final Workflows workflows;
    final Transfers transfers;
    final Actor socialWorker;
    final long babyS;

    /** Sets up both installations' keys: {@code bucksKeys} is the folder the web server will open. */
    Stockport(Path bucksKeys, Path dir) throws Exception {
        Path keys = dir.resolve("stockport-keys");
        InstallationKeys.open(bucksKeys);
        InstallationKeys.open(keys);
        Files.writeString(bucksKeys.resolve("trusted").resolve("stockport.pub"),
                "# area: " + AREA + "\n# name: Stockport\n" + Files.readString(keys.resolve("installation.pub")));
        Files.copy(bucksKeys.resolve("installation.pub"), keys.resolve("trusted").resolve("E10000002.pub"));
        db = store.open();
        var clock = Clock.systemDefaultZone();
        new Importer(db, clock).importFile(Seeds.file("baby-s"), "test");
        workflows = new Workflows(db, StandardEngine.from(Path.of("rules")), StageLimits.standard(), clock);
        transfers = new Transfers(db, workflows, InstallationKeys.open(keys), clock, 2);
        long csc = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE local_id = 'stockport-csc'").mapTo(Long.class).one());
        socialWorker = new Actor("sw.stockport", "Sue Stone", "social-worker", csc);
        babyS = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'baby-s'").mapTo(Long.class).one());
        var plans = workflows.plans();
        plans.start(babyS, "cp", socialWorker);
        long safe = plans.addOutcome(babyS, "Baby S is safe from physical harm", socialWorker);
        plans.addAction(babyS, new Plans.NewAction(safe, "Weekly home visit", csc, "social worker", "Sue Stone", null,
                java.time.LocalDate.now().plusDays(10)), socialWorker);
    }

    /** Buckinghamshire's web server over the five seed cases but Baby S's (she comes from Stockport). */
    static List<Path> bucksSeeds() {
        return Seeds.five().stream().filter(p -> !p.getFileName().toString().startsWith("baby-s")).toList();
    }

    /** Baby S's record, sent to Buckinghamshire with her mother's refuge address under a court order. */
    Path sendBabyS(Path dir) {
        return transfers.send(babyS, "E10000002", socialWorker, "Family court order C123/2026", dir.resolve("baby-s.transfer.json")).bundle();
    }

    @Override
    public void close() {
        db.close();
        store.close();
    }
}
