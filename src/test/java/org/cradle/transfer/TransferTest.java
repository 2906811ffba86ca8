package org.cradle.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.cradle.casefile.Json;
import org.cradle.casefile.Seeds;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.escalation.StageLimits;
import org.cradle.plan.Fixture;
import org.cradle.plan.MovableClock;
import org.cradle.plan.Plans;
import org.cradle.rules.StandardEngine;
import org.cradle.store.RecordAccess;
import org.cradle.audit.AuditLog;
import org.cradle.access.Actor;
import java.util.Set;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.cradle.workflow.Workflows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Buckinghamshire sends Twin 1's record to Stockport: two installations, each with its own database (the sender on each
 * kind of database in turn, the receiver on the other) and its own keys, trusting each other's public key.
 */
class TransferTest {

    private static final String STOCKPORT = "E08000007";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aChildsWholeRecordIsReadAtTheReceivingInstallationAsTheSendingAreasAndReceiptIsAcknowledged(TestStores.TestStore sending,
                                                                                                      @TempDir Path dir) throws Exception {
        try (var receiving = sending.name().equals("H2") ? TestStores.postgres() : TestStores.h2();
             var db = sending.open(); var db2 = receiving.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            f.workflows.plans().start(twin1, "cp", sw);
            f.workflows.plans().addOutcome(twin1, "Twin 1 is safe from physical harm", sw);
            f.workflows.escalations().raise(twin1, f.actor("fc.bucks", "foster-carer", "foster-carers"), f.agency("csc"), null, null,
                    "Contact with Father is unsupervised");
            var installations = Installations.pair(dir);
            var sender = new Transfers(db, f.workflows, installations.bucks(), f.clock, 2);
            var receiver = new Transfers(db2, workflowsOf(db2, f.clock), installations.stockport(), f.clock, 2);

            var sent = sender.send(twin1, STOCKPORT, sw, null, dir.resolve("twin1.transfer.json"));
            assertThat(sent.ackDue()).hasToString("2026-11-25");

            var refusals = java.util.Map.of(tampered(sent.bundle(), dir), RefusedTransfer.Reason.TAMPERED,
                    resealedWithoutSigning(sent.bundle(), dir), RefusedTransfer.Reason.TAMPERED, truncated(sent.bundle(), dir), RefusedTransfer.Reason.TRUNCATED);
            for (var bad : refusals.entrySet()) {
                assertThatThrownBy(() -> receiver.receive(bad.getKey(), "sw.stockport")).isInstanceOf(RefusedTransfer.class)
                        .hasMessageStartingWith(bad.getKey().toString()).extracting(e -> ((RefusedTransfer) e).reason()).isEqualTo(bad.getValue());
                assertThat(count(db2, "event")).as("nothing of a refused bundle is stored").isZero();
            }
            var stranger = new Transfers(db2, workflowsOf(db2, f.clock), InstallationKeys.open(dir.resolve("stranger")), f.clock, 2);
            assertThatThrownBy(() -> stranger.receive(sent.bundle(), "sw.stockport")).hasMessageContaining("is not one this installation trusts")
                    .extracting(e -> ((RefusedTransfer) e).reason()).isEqualTo(RefusedTransfer.Reason.UNTRUSTED);
            assertThat(count(db2, "event")).isZero();

            var received = receiver.receive(sent.bundle(), "sw.stockport");
            var reviewer = Actor.operator("test", "compare the two installations", Set.of());
            Chronology there = new RecordAccess(db2, new AuditLog(db2, f.clock), f.clock).chronology(reviewer, received.child(), ChronologyQuery.everything());
            Chronology here = new RecordAccess(db, new AuditLog(db, f.clock), f.clock).chronology(reviewer, twin1, ChronologyQuery.everything());
            assertThat(there.entries()).hasSameSizeAs(here.entries());
            assertThat(there.entries()).extracting(Chronology.Entry::summary).containsExactlyElementsOf(here.entries().stream().map(Chronology.Entry::summary).toList());
            assertThat(there.entries()).as("the sending area's history, as that area's").allSatisfy(e -> assertThat(e.agency().area()).isEqualTo("E10000002"));
            assertThat(there.entries()).extracting(Chronology.Entry::type).contains("plan.started", "escalation.raised", "other.record-transferred");

            var ledger = receiver.ledger().received(received.child());
            assertThat(ledger).hasSize(1);
            assertThat(ledger.get(0).fromArea()).isEqualTo("E10000002");
            JsonNode workflows = Json.read(ledger.get(0).workflows());
            assertThat(workflows.path("plan").path("kind").asText()).isEqualTo("cp");
            assertThat(workflows.path("escalations").get(0).path("about").asText()).isEqualTo("Contact with Father is unsupervised");
            assertThat(workflows.path("alerts").size()).isPositive();
            assertThatThrownBy(() -> receiver.receive(sent.bundle(), "sw.stockport")).hasMessageContaining("was received already");

            receiver.acknowledge(sent.transferId(), "sw.stockport", dir.resolve("ack.json"));
            assertThat(receiver.ledger().find(sent.transferId()).orElseThrow().acknowledgedBy()).isEqualTo("sw.stockport");
            var acknowledged = sender.recordAcknowledgement(dir.resolve("ack.json"));
            assertThat(acknowledged.acknowledgedBy()).isEqualTo("sw.stockport");
            assertThatThrownBy(() -> sender.recordAcknowledgement(dir.resolve("ack.json"))).hasMessageContaining("already acknowledged");
            f.clock.moveOn(Duration.ofDays(10));
            assertThat(sender.ledger().escalateUnacknowledged()).as("acknowledged in time: nothing to escalate").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aTransferNotAcknowledgedByItsDeadlineEscalatesAndTheLateReceiptResolvesIt(TestStores.TestStore sending, @TempDir Path dir) throws Exception {
        try (var db = sending.open(); var db2 = TestStores.h2().open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            var installations = Installations.pair(dir);
            var sender = new Transfers(db, f.workflows, installations.bucks(), f.clock, 2);
            var sent = sender.send(twin1, STOCKPORT, sw, null, dir.resolve("bundle.json"));

            f.clock.moveOn(Duration.ofDays(2));
            assertThat(sender.ledger().escalateUnacknowledged()).as("due Wednesday, it is Wednesday").isZero();
            f.clock.moveOn(Duration.ofDays(1));
            assertThat(sender.ledger().escalateUnacknowledged()).isEqualTo(1);
            assertThat(sender.ledger().escalateUnacknowledged()).as("once").isZero();
            var escalation = f.workflows.escalations().of(twin1).get(0);
            assertThat(escalation.withParty()).isEqualTo("the receiving area (E08000007)");
            assertThat(escalation.about()).contains(sent.transferId(), "was not acknowledged by 2026-11-25");

            var receiver = new Transfers(db2, workflowsOf(db2, f.clock), installations.stockport(), f.clock, 2);
            receiver.receive(sent.bundle(), "sw.stockport");
            receiver.acknowledge(sent.transferId(), "sw.stockport", dir.resolve("ack.json"));
            sender.recordAcknowledgement(dir.resolve("ack.json"));
            assertThat(f.workflows.escalations().find(escalation.id()).orElseThrow().status()).isEqualTo("resolved");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theReceivingAreaReadsTheSendingAreasPlanAndStartsItsOwnFromIt(TestStores.TestStore receiving, @TempDir Path dir) throws Exception {
        try (var db = TestStores.h2().open(); var db2 = receiving.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            var plans = f.workflows.plans();
            plans.start(twin1, "cp", sw);
            long safe = plans.addOutcome(twin1, "Twin 1 is safe from physical harm", sw);
            plans.addAction(twin1, new Plans.NewAction(safe, "Weekly home visit", f.agency("csc"), "social worker", "Sam Walker", null,
                    java.time.LocalDate.parse("2026-12-04")), sw);
            plans.addAction(twin1, new Plans.NewAction(null, "Attend the parenting course", null, null, "Mother", f.person("mother"),
                    java.time.LocalDate.parse("2026-12-11")), sw);
            long done = plans.addAction(twin1, new Plans.NewAction(null, "Refer to CAMHS", f.agency("csc"), null, "Sam Walker", null,
                    java.time.LocalDate.parse("2026-11-30")), sw);
            plans.closeAction(twin1, done, true, null, sw);
            var installations = Installations.pair(dir);
            var sent = new Transfers(db, f.workflows, installations.bucks(), f.clock, 2).send(twin1, STOCKPORT, sw, null, dir.resolve("b.json"));

            new Importer(db2, f.clock).importFile(Seeds.file("baby-s"), "test");
            var workflows2 = workflowsOf(db2, f.clock);
            var receiver = new Transfers(db2, workflows2, installations.stockport(), f.clock, 2);
            var received = receiver.receive(sent.bundle(), "sw.stockport");
            var theirs = receiver.ledger().find(sent.transferId()).orElseThrow();
            assertThat(theirs.from()).isEqualTo("Buckinghamshire (E10000002)");
            assertThat(theirs.plan().orElseThrow().actions()).extracting(Plans.Action::description)
                    .containsExactly("Refer to CAMHS", "Weekly home visit", "Attend the parenting course");
            assertThat(theirs.agencyName(theirs.plan().orElseThrow().leadAgency())).startsWith("Buckinghamshire Children's Social Care");
            assertThat(workflows2.plans().of(received.child())).as("the sending area's plan is its own, not ours").isEmpty();
            assertThat(workflows2.alerts().list(received.child(), null)).as("our rules read the history received").isNotEmpty();

            long stockportCsc = db2.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE local_id = 'stockport-csc'").mapTo(Long.class).one());
            var ours = receiver.startPlanFrom(sent.transferId(), "cp", new org.cradle.plan.Actor("sw.stockport", "Sue Stone", "social-worker", stockportCsc));
            assertThat(ours.leadAgency()).isEqualTo(stockportCsc);
            assertThat(ours.outcomes()).extracting(Plans.Outcome::text).containsExactly("from Buckinghamshire (E10000002): Twin 1 is safe from physical harm");
            assertThat(ours.actions()).as("the open actions, marked as from there").extracting(Plans.Action::description).containsExactly(
                    "from Buckinghamshire (E10000002): Weekly home visit", "from Buckinghamshire (E10000002): Attend the parenting course");
            var visit = ours.actions().get(0);
            assertThat(visit.outcomeId()).isEqualTo(ours.outcomes().get(0).id());
            String owner = db2.jdbi().withHandle(h -> h.createQuery("SELECT area_code || '/' || local_id FROM agency WHERE id = :id")
                    .bind("id", visit.ownerAgency()).mapTo(String.class).one());
            assertThat(owner).as("still Buckinghamshire's social care, which the record brought").isEqualTo("E10000002/csc");
            var course = ours.actions().get(1);
            String family = db2.jdbi().withHandle(h -> h.createQuery("SELECT local_id FROM person WHERE id = :id").bind("id", course.ownerPerson())
                    .mapTo(String.class).one());
            assertThat(family).isEqualTo("mother");
            assertThatThrownBy(() -> receiver.startPlanFrom(sent.transferId(), "cp", new org.cradle.plan.Actor("sw.stockport", "Sue Stone", "social-worker",
                    stockportCsc))).isInstanceOf(IllegalStateException.class);
            assertThat(workflows2.plans().of(received.child()).orElseThrow().actions()).as("a refused second start adds nothing").hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aConfidentialAddressTravelsOnlyWithAnExplicitRight(TestStores.TestStore sending, @TempDir Path dir) throws Exception {
        try (var db = sending.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            new Importer(db, f.clock).importFile(Seeds.file("baby-s"), "test");
            long babyS = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'baby-s'").mapTo(Long.class).one());
            long hv = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE local_id = 'stockport-hv'").mapTo(Long.class).one());
            var sender = new Transfers(db, f.workflows, Installations.pair(dir).stockport(), f.clock, 2);
            var by = new org.cradle.plan.Actor("hv.stockport", "Helen Vance", "health-visitor", hv);

            var withheld = sender.send(babyS, "E10000002", by, null, dir.resolve("without.json"));
            assertThat(withheld.confidentialAddressesWithheld()).isEqualTo(1);
            assertThat(mother(payload(withheld.bundle())).has("addresses")).isTrue();
            assertThat(mother(payload(withheld.bundle())).path("addresses")).isEmpty();

            var included = sender.send(babyS, "E10000002", by, "Family court order C123/2026 (disclosure to the receiving authority)", dir.resolve("with.json"));
            assertThat(included.confidentialAddressesWithheld()).isZero();
            assertThat(mother(payload(included.bundle())).path("addresses").get(0).path("confidential").asBoolean()).isTrue();
            assertThat(payload(included.bundle()).path("confidential").path("authority").asText()).startsWith("Family court order");
        }
    }

    /** Two installations' key folders, each trusting the other's public key. */
    record Installations(InstallationKeys bucks, InstallationKeys stockport) {
        static Installations pair(Path dir) throws Exception {
            Path a = dir.resolve("bucks-keys");
            Path b = dir.resolve("stockport-keys");
            InstallationKeys.open(a);
            InstallationKeys.open(b);
            Files.copy(a.resolve("installation.pub"), b.resolve("trusted").resolve("bucks.pub"));
            Files.copy(b.resolve("installation.pub"), a.resolve("trusted").resolve("stockport.pub"));
            return new Installations(InstallationKeys.open(a), InstallationKeys.open(b));
        }
    }

    private static Workflows workflowsOf(Database db, MovableClock clock) throws Exception {
        return new Workflows(db, StandardEngine.from(Path.of("rules")), StageLimits.standard(), clock);
    }

    private static JsonNode payload(Path bundle) throws Exception {
        JsonNode envelope = Json.read(Files.readString(bundle));
        return Json.read(new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8));
    }

    private static JsonNode mother(JsonNode payload) {
        for (JsonNode p : payload.path("casefile").path("people")) {
            if (p.path("id").asText().equals("mother")) {
                return p;
            }
        }
        throw new AssertionError("no mother in the bundle");
    }

    /** One word of the record changed; the seal is left as it was. */
    private static Path tampered(Path bundle, Path dir) throws Exception {
        ObjectNode envelope = (ObjectNode) Json.read(Files.readString(bundle));
        String payload = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload.replaceFirst("Father", "Mother").getBytes(StandardCharsets.UTF_8)));
        return write(dir.resolve("tampered.json"), Json.write(envelope));
    }

    /** The record changed and its SHA-256 recomputed, but the signature (which needs the sender's private key) is the old one. */
    private static Path resealedWithoutSigning(Path bundle, Path dir) throws Exception {
        ObjectNode envelope = (ObjectNode) Json.read(Files.readString(bundle));
        byte[] changed = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8)
                .replaceFirst("Father", "Mother").getBytes(StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(changed)).put("sha256", Envelope.sha256(changed));
        return write(dir.resolve("resealed.json"), Json.write(envelope));
    }

    private static Path truncated(Path bundle, Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(bundle);
        return Files.write(dir.resolve("truncated.json"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.writeString(file, text);
    }

    private static int count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
