package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import org.cradle.access.Account;
import org.cradle.access.Actor;
import org.cradle.access.Right;
import org.cradle.access.TeamPlacement;
import org.cradle.audit.AuditLog;
import org.cradle.casefile.Seeds;
import org.cradle.chronology.ChronologyQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading people's records through the one way in: break-glass and its review, the operator's export, the audit of each. */
class RecordAccessTest {

    static Actor as(String username, String role, String agency) {
        return Actor.of(new Account(username, username, role, agency), "test", null);
    }

    /** Family T in the store, its case teams as in the demo, read through an audited RecordAccess. */
    static RecordAccess familyT(Database db, MovingClock clock) throws Exception {
        new Importer(db, clock).importFile(Seeds.file("family-t"), "test");
        var records = new RecordAccess(db, new AuditLog(db, clock), clock);
        records.teams().place(TeamPlacement.demo(), "test");
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void breakGlassOpensARecordForHoursAndShowsInTheLeadsReviewList(TestStores.TestStore store) throws Exception {
        var clock = new MovingClock();
        try (var db = store.open()) {
            var records = familyT(db, clock);
            long twin2 = records.findPeople(as("sw.bucks", "social-worker", "E10000002/csc"), "twin 2", 5).get(0).id();
            var police = as("police.warks", "police-officer", "E10000031/warks-police");

            assertThatThrownBy(() -> records.chronology(police, twin2, ChronologyQuery.everything())).isInstanceOf(RecordAccess.Refused.class);
            assertThatThrownBy(() -> records.breakGlass(police, twin2, "need", Duration.ofHours(2)))
                    .hasMessageContaining("say why");
            assertThatThrownBy(() -> records.breakGlass(police, twin2, "a report of a baby injured at this address", Duration.ofDays(2)))
                    .hasMessageContaining("hours");
            var grant = records.breakGlass(police, twin2, "a report of a baby injured at this address", Duration.ofHours(2));
            assertThat(records.chronology(police, twin2, ChronologyQuery.everything()).entries()).isNotEmpty();

            var lead = as("lead.bucks", "safeguarding-lead", "E10000002/csc");
            assertThat(records.grantsToReview(lead, true)).singleElement().satisfies(g -> {
                assertThat(g.username()).isEqualTo("police.warks");
                assertThat(g.reason()).isEqualTo("a report of a baby injured at this address");
                assertThat(g.expiresAt()).isEqualTo(clock.now.plus(Duration.ofHours(2)));
            });
            assertThatThrownBy(() -> records.grantsToReview(police, true)).isInstanceOf(RecordAccess.Refused.class);
            records.review(lead, grant.id(), "appropriate", "police were called to the home");
            assertThat(records.grantsToReview(lead, true)).isEmpty();
            assertThat(records.grantsToReview(lead, false)).singleElement().satisfies(g -> assertThat(g.outcome()).isEqualTo("appropriate"));
            assertThatThrownBy(() -> records.review(lead, grant.id(), "appropriate", null)).isInstanceOf(IllegalStateException.class);

            clock.now = clock.now.plus(Duration.ofHours(2)).plusSeconds(1);
            assertThatThrownBy(() -> records.chronology(police, twin2, ChronologyQuery.everything())).isInstanceOf(RecordAccess.Refused.class);

            // Each look is in the person's access history, the break-glass with its reason as the purpose.
            assertThat(AuditLog.history(db, twin2)).extracting(s -> s.entry().actor() + " " + s.entry().action())
                    .contains("police.warks refused: read chronology", "police.warks break glass", "police.warks read chronology",
                            "lead.bucks review break glass");
            assertThat(AuditLog.history(db, twin2)).filteredOn(s -> s.entry().action().equals("break glass"))
                    .singleElement().satisfies(s -> assertThat(s.entry().purpose()).isEqualTo("a report of a baby injured at this address"));
            assertThat(new AuditLog(db, clock).verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theOperatorsExportLeavesOutConfidentialAddressesUnlessGivenTheRight(TestStores.TestStore store) throws Exception {
        var clock = new MovingClock();
        try (var db = store.open()) {
            new Importer(db, clock).importFile(Seeds.file("baby-s"), "test");
            var audit = new AuditLog(db, clock);
            var records = new RecordAccess(db, audit, clock);
            var plain = new StringWriter();
            records.exportAll(Actor.operator("ops", null, Set.of()), plain);
            assertThat(plain.toString()).contains("Baby S").doesNotContain("(address withheld)");
            var full = new StringWriter();
            records.exportAll(Actor.operator("ops", "transfer to the receiving area", Set.of(Right.CONFIDENTIAL_ADDRESSES)), full);
            assertThat(full.toString()).contains("Women's refuge in Stockport (address withheld)");
            assertThatThrownBy(() -> records.exportAll(as("sw.bucks", "social-worker", "E10000002/csc"), new StringWriter()))
                    .isInstanceOf(RecordAccess.Refused.class);

            long mother = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE document LIKE '%refuge%'").mapTo(Long.class).one());
            var operatorView = records.person(Actor.operator("ops", null, Set.of()), mother);
            assertThat(operatorView.addresses()).isEmpty();
            assertThat(operatorView.withheldAddresses()).isEqualTo(1);
            var exports = db.jdbi().withHandle(h -> h.createQuery("SELECT actor || ' ' || action || ' ' || COALESCE(detail, '') FROM audit_entry "
                    + "WHERE action LIKE 'export%' ORDER BY id").mapTo(String.class).list());
            assertThat(exports).containsExactly("operator:ops export all ", "operator:ops export all with confidential addresses");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aShareRecordsItsLegalBasisAndIsItselfAnEventOfWhoKnewWhat(TestStores.TestStore store) throws Exception {
        var clock = new MovingClock();
        try (var db = store.open()) {
            var records = familyT(db, clock);
            var socialWorker = as("sw.bucks", "social-worker", "E10000002/csc");
            long twin2 = records.findPeople(socialWorker, "twin 2", 5).get(0).id();
            var chronology = records.chronology(socialWorker, twin2, ChronologyQuery.everything());
            var ours = chronology.entries().stream().filter(e -> e.agency().localId().equals("csc")).findFirst().orElseThrow();
            var theirs = chronology.entries().stream().filter(e -> e.agency().localId().equals("bht")).findFirst().orElseThrow();
            long police = records.agencies().values().stream().filter(a -> a.localId().equals("police") && a.area().equals("E10000002"))
                    .findFirst().orElseThrow().id();
            var knownBefore = records.chronology(socialWorker, twin2, new ChronologyQuery(Set.of(), java.util.List.of(), null, null, null, police, null));
            assertThat(knownBefore.entries()).extracting(e -> e.id()).doesNotContain(ours.id());

            assertThatThrownBy(() -> records.share(socialWorker, twin2, java.util.List.of(theirs.id()), java.util.List.of(police),
                    org.cradle.access.LegalBasis.SAFEGUARDING, "strategy discussion")).hasMessageContaining("shares what it recorded");
            assertThatThrownBy(() -> records.share(socialWorker, twin2, java.util.List.of(ours.id()), java.util.List.of(police),
                    org.cradle.access.LegalBasis.SAFEGUARDING, " ")).hasMessageContaining("what the information is shared for");
            assertThatThrownBy(() -> org.cradle.access.LegalBasis.of("because")).hasMessageContaining("safeguarding, legal-obligation");

            var share = records.share(socialWorker, twin2, java.util.List.of(ours.id()), java.util.List.of(police),
                    org.cradle.access.LegalBasis.SAFEGUARDING, "strategy discussion about the injury");
            var knownAfter = records.chronology(socialWorker, twin2, new ChronologyQuery(Set.of(), java.util.List.of(), null, null, null, police, null));
            assertThat(knownAfter.entries()).extracting(e -> e.id()).contains(ours.id());
            // The share is the social care's own record, in the child's chronology.
            var shareEntry = records.chronology(socialWorker, twin2, ChronologyQuery.everything()).entries().stream()
                    .filter(e -> e.id() == share.event()).findFirst().orElseThrow();
            assertThat(shareEntry.type()).isEqualTo("info.shared");
            assertThat(shareEntry.document()).contains("\"x_legal_basis\":\"safeguarding\"", "Schedule 1 paragraph 18", "sw.bucks");
            var sharedEntry = knownAfter.entries().stream().filter(e -> e.id() == ours.id()).findFirst().orElseThrow();
            assertThat(sharedEntry.knownTo()).anySatisfy(k -> {
                assertThat(k.agency()).isEqualTo(police);
                assertThat(k.via()).isEqualTo(share.event());
                assertThat(k.from()).isEqualTo(java.time.LocalDate.ofInstant(clock.now, ZoneOffset.UTC));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aReadWhoseAuditEntryCannotBeWrittenFails(TestStores.TestStore store) throws Exception {
        var clock = new MovingClock();
        try (var db = store.open()) {
            var records = familyT(db, clock);
            var socialWorker = as("sw.bucks", "social-worker", "E10000002/csc");
            long twin2 = records.findPeople(socialWorker, "twin 2", 5).get(0).id();
            assertThat(records.chronology(socialWorker, twin2, ChronologyQuery.everything()).entries()).isNotEmpty();

            db.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_entry RENAME TO audit_entry_away"));
            assertThatThrownBy(() -> records.chronology(socialWorker, twin2, ChronologyQuery.everything()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("audit entry could not be written");
            assertThatThrownBy(() -> records.person(socialWorker, twin2)).isInstanceOf(StoreException.class);
            var export = new StringWriter();
            assertThatThrownBy(() -> records.exportPerson(socialWorker, twin2, export)).isInstanceOf(StoreException.class);
            assertThat(export.toString()).isEmpty();

            // Once the trail can be written again, so are the reads, onto the same chain.
            db.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_entry_away RENAME TO audit_entry"));
            assertThat(records.chronology(socialWorker, twin2, ChronologyQuery.everything()).entries()).isNotEmpty();
            assertThat(AuditLog.history(db, twin2)).extracting(s -> s.entry().action()).containsExactly("read chronology", "read chronology");
            assertThat(new AuditLog(db, clock).verify().intact()).isTrue();
        }
    }
}
