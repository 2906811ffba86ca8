package org.cradle.store;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cradle.access.AccessPolicy;
import org.cradle.access.LegalBasis;
import org.cradle.access.Actor;
import org.cradle.access.Relation;
import org.cradle.access.Role;
import org.cradle.access.Standing;
import org.cradle.audit.Audit;
import org.cradle.audit.AuditLog;
import org.cradle.casefile.Json;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.people.Address;
import org.cradle.rules.RuleEngine;
import org.jdbi.v3.core.Handle;

/**
 * The one way into people's records: every read (search, person, chronology, alerts, export, backtest) passes
 * through here with the acting user, is decided by the {@link AccessPolicy}, comes back as the view that user may
 * have, and is written to the audit trail with who, from where and for what purpose. The web pages, the API and
 * the command line all read through this class and nothing else.
 */
public final class RecordAccess {

    /** No such person, or none the actor may know of (the two are not told apart). */
    public static final class NotFound extends RuntimeException {
        NotFound(long id) {
            super("no person with id " + id);
        }
    }

    /** The actor may know the person exists, but not see this. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * A person as the actor may see them.
     *
     * @param names     every name the agency recorded (what a practitioner compares when deciding whether two records are one person)
     * @param reach     how far into the record the actor may see
     * @param relations how the actor stands to the person's case
     * @param addresses the addresses they may see (confidential ones only with the right)
     * @param withheldAddresses how many confidential addresses were kept from them
     */
    public record PersonView(Chronology.PersonRef person, List<org.cradle.people.PersonName> names, AccessPolicy.Reach reach, Set<Relation> relations, List<Address> addresses,
                             int withheldAddresses) {
    }

    private final Database database;
    private final ChronologyReader reader;
    private final AlertStore alerts;
    private final CaseTeams teams;
    private final Audit audit;
    private final Clock clock;
    private final AccessPolicy policy = new AccessPolicy();

    public RecordAccess(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.reader = new ChronologyReader(database);
        this.alerts = new AlertStore(database, clock);
        this.teams = new CaseTeams(database, clock);
        this.audit = audit;
        this.clock = clock;
    }

    public CaseTeams teams() {
        return teams;
    }

    /** All agencies, by store id (no person's data). */
    public Map<Long, Chronology.AgencyRef> agencies() {
        return reader.agencies();
    }

    /** People whose name or identifier matches, among those the actor may know of. Addresses are never searched. */
    public List<Chronology.PersonRef> findPeople(Actor actor, String query, int limit) {
        var found = reader.findPeople(query, limit);
        List<Chronology.PersonRef> shown = policy.person(actor, Standing.NONE) != AccessPolicy.Reach.NONE ? found
                : database.jdbi().withHandle(h -> found.stream().filter(p -> reach(h, actor, p.id()) != AccessPolicy.Reach.NONE).toList());
        record(actor, "search people", null, "q=" + query + " (" + shown.size() + " found)");
        return shown;
    }

    /** A person, with the addresses the actor may see. */
    public PersonView person(Actor actor, long id) {
        return database.jdbi().withHandle(h -> {
            var ref = reader.person(id).orElseThrow(() -> new NotFound(id));
            Standing standing = standing(h, actor, network(h, id));
            var reach = policy.person(actor, standing);
            if (reach == AccessPolicy.Reach.NONE) {
                record(actor, "refused: read person", id, "not part of the case");
                throw new NotFound(id);
            }
            var audited = audit(actor, "read person", id, reach == AccessPolicy.Reach.NAME ? "name only" : null);
            var addresses = new ArrayList<Address>();
            int withheld = 0;
            String document = h.createQuery("SELECT document FROM person WHERE id = :id").bind("id", id).mapTo(String.class).one();
            var recorded = org.cradle.casefile.CaseFileReader.person((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(document));
            if (reach == AccessPolicy.Reach.DETAIL) {
                boolean right = policy.confidentialAddresses(actor, standing);
                for (var a : recorded.addresses()) {
                    if (!a.confidential() || right) {
                        addresses.add(a);
                    } else {
                        withheld++;
                    }
                }
            }
            return new Audited<>(new PersonView(ref, recorded.names(), reach, standing.relations(), addresses, withheld), audited);
        }).awaited();
    }

    /** A read's answer and its audit entry, awaited once the connection it was read on is back in the pool. */
    private record Audited<T>(T answer, Audit.Pending entry) {
        T awaited() {
            entry.await();
            return answer;
        }
    }

    /** Whether the actor holds the explicit right to confidential addresses on this person's case (a decision: nothing is read). */
    public boolean holdsConfidentialAddressRight(Actor actor, long id) {
        return database.jdbi().withHandle(h -> policy.confidentialAddresses(actor, standing(h, actor, network(h, id))));
    }

    /** A person's chronology as the actor may see it. */
    public Chronology chronology(Actor actor, long id, ChronologyQuery query) {
        var view = detail(actor, id, "read chronology", filters(query));
        var audited = audit(actor, "read chronology", id, filters(query));
        var chronology = reader.chronology(id, query).orElseThrow(() -> new NotFound(id));
        var entries = new ArrayList<Chronology.Entry>(chronology.entries().size());
        chronology.entries().forEach(e -> entries.add(view.entry(e)));
        audited.await();
        return new Chronology(chronology.person(), chronology.around(), entries);
    }

    /** One person's record as a case file, carrying only what the actor may see. */
    public void exportPerson(Actor actor, long id, Writer out) throws IOException {
        var view = detail(actor, id, "export person", null);
        // Written before the export starts going out, which may be straight to the client.
        record(actor, "export person", id, view.showsConfidentialAddresses() ? "with confidential addresses" : null);
        var documents = new HashMap<Long, String>();
        reader.chronology(id, ChronologyQuery.everything()).orElseThrow(() -> new NotFound(id)).entries()
                .forEach(e -> documents.put(e.id(), view.entry(e).document()));
        new Exporter(database, exported(view, documents)).exportPerson(id, out);
    }

    /** The whole store as a case file: only for the command line's operator, with explicit rights given by the command. */
    public void exportAll(Actor actor, Writer out) throws IOException {
        requireOperator(actor, "export the whole store");
        var view = new Redaction(policy, actor, Standing.NONE, allConfidentialAddresses(), reader::agency);
        record(actor, "export all", null, view.showsConfidentialAddresses() ? "with confidential addresses" : null);
        new Exporter(database, exported(view, Map.of())).exportAll(out);
    }

    /**
     * Documents as they leave in an export: as already judged in the chronology ({@code judged}, by event id), or else
     * judged on what is known of them (the events a chronology's refer to; every event of the whole store).
     */
    private Exporter.View exported(Redaction view, Map<Long, String> judged) {
        return new Exporter.View() {
            @Override
            public String person(String document) {
                return view.person(document);
            }

            @Override
            public String event(long eventId, long agencyId, String document) {
                String seen = judged.get(eventId);
                return seen != null ? seen : view.event(document, Json.read(document).path("type").asText(), reader.agency(agencyId), Set.of());
            }
        };
    }

    /** What a rule would have raised over every child in the store (the operator's view of the whole store). */
    public BackTest.Report backtest(Actor actor, RuleEngine engine) {
        requireOperator(actor, "backtest over the whole store");
        var report = new BackTest(database, clock).run(engine);
        record(actor, "backtest", null, report.children() + " children read, " + report.alerts() + " alerts counted");
        return report;
    }

    /** Alerts (about one person, or all), only about children whose record the actor may see in detail. */
    public List<AlertStore.StoredAlert> alerts(Actor actor, Long person, String status) {
        var all = alerts.list(person, status);
        var reach = new HashMap<Long, Boolean>();
        var shown = database.jdbi().withHandle(h -> all.stream().filter(a -> reach.computeIfAbsent(a.subject(),
                s -> reach(h, actor, s) == AccessPolicy.Reach.DETAIL)).toList());
        record(actor, "read alerts", person, (status == null ? "" : "status=" + status + " ") + "(" + shown.size() + " shown)");
        return shown;
    }

    /** A share as stored: the {@code info.shared} event that records it, and the legal basis it relied on. */
    public record Share(long event, String localId, LegalBasis legalBasis, List<Long> events, List<Long> with) {
    }

    /**
     * Shares entries the actor's agency recorded about a person with other agencies, on a stated legal basis and for a
     * stated purpose. The share is itself an event ({@code info.shared}, recorded by the actor's agency, with the
     * basis in its details), so "which agency knew what, and when" answers it like any other sharing.
     */
    public Share share(Actor actor, long personId, List<Long> eventIds, List<Long> agencyIds, LegalBasis basis, String purpose)
            throws IOException {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("say what the information is shared for");
        }
        if (eventIds.isEmpty() || agencyIds.isEmpty()) {
            throw new IllegalArgumentException("name the entries to share and the agencies to share them with");
        }
        var view = detail(actor, personId, "share", null);
        var entries = new HashMap<Long, Chronology.Entry>();
        reader.chronology(personId, ChronologyQuery.everything()).orElseThrow(() -> new NotFound(personId)).entries()
                .forEach(e -> entries.put(e.id(), e));
        var shared = new ArrayList<String>();
        for (long id : eventIds) {
            var entry = entries.get(id);
            if (entry == null) {
                throw new IllegalArgumentException("entry " + id + " is not in this person's chronology");
            }
            if (!Redaction.key(entry.agency()).equals(actor.agency())) {
                throw new IllegalArgumentException("your agency shares what it recorded: entry " + id + " was recorded by " + entry.agency().name());
            }
            if (view.entry(entry) != entry && view.entry(entry).type().equals("other.withheld")) {
                throw new Refused("entry " + id + " is withheld from you");
            }
            shared.add(entry.localId());
        }
        var recipients = new ArrayList<Chronology.AgencyRef>();
        for (long id : agencyIds) {
            var agency = agencies().get(id);
            if (agency == null) {
                throw new IllegalArgumentException("no agency with id " + id);
            }
            recipients.add(agency);
        }
        return database.jdbi().withHandle(h -> {
            var person = h.createQuery("SELECT local_id, area_code, document FROM person WHERE id = :id").bind("id", personId)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).one();
            String[] own = actor.agency().split("/", 2);
            var mine = h.createQuery("SELECT id, document FROM agency WHERE area_code = :a AND local_id = :l").bind("a", own[0])
                    .bind("l", own.length > 1 ? own[1] : "").map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).findFirst()
                    .orElseThrow(() -> new Refused("your agency (" + actor.agency() + ") holds no record here to share"));
            // The person's record as stored (all of it already held, so storing it again adds nothing), and the share.
            var whole = new java.io.StringWriter();
            try {
                new Exporter(database, Exporter.View.WHOLE).exportPerson(personId, whole);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            var file = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(whole.toString());
            var agencyList = file.withArray("agencies");
            var ownAgency = reader.agency(mine.getKey());
            for (var a : java.util.stream.Stream.concat(java.util.stream.Stream.of(ownAgency), recipients.stream()).toList()) {
                if (fileId(agencyList, a.localId(), a.id()) == null) {
                    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(h.createQuery("SELECT document FROM agency WHERE id = :id")
                            .bind("id", a.id()).mapTo(String.class).one());
                    agencyList.add(doc.put("area", a.area()));
                }
            }
            var eventList = file.withArray("events");
            String localId = "share-" + java.util.UUID.randomUUID();
            String today = java.time.LocalDate.now(clock).toString();
            var event = eventList.addObject().put("id", localId).put("type", "info.shared").put("occurred", today)
                    .put("recorded", today).put("agency", fileId(agencyList, ownAgency.localId(), ownAgency.id()))
                    .put("summary", "Shared " + shared.size() + (shared.size() == 1 ? " entry" : " entries") + " with "
                            + recipients.stream().map(Chronology.AgencyRef::name).collect(java.util.stream.Collectors.joining(", ")) + ": " + purpose.strip());
            event.putArray("subjects").add(fileId(file.withArray("people"), person[0], personId));
            var details = event.putObject("details");
            var events = details.putArray("events");
            for (long id : eventIds) {
                events.add(fileId(eventList, entries.get(id).localId(), id));
            }
            var with = details.putArray("with");
            recipients.forEach(r -> with.add(fileId(agencyList, r.localId(), r.id())));
            details.put("x_legal_basis", basis.code()).put("x_legal_basis_condition", basis.condition())
                    .put("x_purpose", purpose.strip()).put("x_shared_by", actor.username());
            java.nio.file.Path temp = java.nio.file.Files.createTempFile("cradle-share", ".casefile.json");
            try {
                java.nio.file.Files.writeString(temp, Json.write(file));
                new Importer(database, clock).importFile(temp, actor.username());
            } catch (org.cradle.casefile.InvalidCaseFileException e) {
                throw new IllegalStateException("the share could not be recorded: " + e.getMessage(), e);
            } finally {
                java.nio.file.Files.deleteIfExists(temp);
            }
            long stored = h.createQuery("SELECT id FROM event WHERE agency_id = :a AND local_id = :l").bind("a", mine.getKey())
                    .bind("l", localId).mapTo(Long.class).one();
            audit.record(new AuditLog.Entry(actor.username(), "share", personId, "entries " + eventIds + " with agencies " + agencyIds
                    + " as event " + stored + " (" + basis.code() + ")", actor.client(), purpose.strip()));
            return new Share(stored, localId, basis, List.copyOf(eventIds), List.copyOf(agencyIds));
        });
    }

    /** The id a stored record has in an exported file: its own, or {@code id~storeId} where the export had to rename it. */
    private static String fileId(com.fasterxml.jackson.databind.node.ArrayNode list, String localId, long storeId) {
        for (var node : list) {
            String id = node.path("id").asText();
            if (id.equals(localId + "~" + storeId)) {
                return id;
            }
        }
        for (var node : list) {
            if (node.path("id").asText().equals(localId)) {
                return localId;
            }
        }
        return null;
    }

    /** Acknowledges, actions, dismisses or assigns an alert about a child whose record the actor may see. */
    public AlertStore.StoredAlert actOnAlert(Actor actor, long alertId, AlertStore.Action action, String note) {
        var alert = alerts.find(alertId).orElseThrow(() -> new IllegalStateException("alert " + alertId + " does not exist"));
        if (database.jdbi().withHandle(h -> reach(h, actor, alert.subject())) != AccessPolicy.Reach.DETAIL) {
            record(actor, "refused: act on alert", alert.subject(), "alert " + alertId);
            throw new Refused("you are not part of this child's case");
        }
        var acted = alerts.act(alertId, actor.username(), action, note);
        record(actor, action.name().toLowerCase(java.util.Locale.ROOT) + " alert", alert.subject(), "alert " + alertId);
        return acted;
    }

    /**
     * Break-glass: access to a person's record outside the usual relationship, for a stated reason, for a few hours.
     * Confidential addresses and sealed records stay withheld. The grant shows in the safeguarding leads' review list.
     */
    public CaseTeams.Grant breakGlass(Actor actor, long id, String reason, Duration length) {
        if (reason == null || reason.strip().length() < 10) {
            throw new IllegalArgumentException("say why you need this record (at least a sentence)");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(CaseTeams.LONGEST_GRANT) > 0) {
            throw new IllegalArgumentException("break-glass access lasts from one to " + CaseTeams.LONGEST_GRANT.toHours() + " hours");
        }
        if (actor.role() == Role.SYSTEM_OPERATOR) {
            throw new Refused("the command line's operator does not break glass");
        }
        reader.person(id).orElseThrow(() -> new NotFound(id));
        long grant = database.jdbi().inTransaction(h -> teams.grant(h, actor, id, reason.strip(), length));
        audit.record(new AuditLog.Entry(actor.username(), "break glass", id, "grant " + grant + " for " + length.toHours() + " hours",
                actor.client(), reason.strip()));
        return database.jdbi().withHandle(h -> teams.grants(h, false)).stream().filter(g -> g.id() == grant).findFirst().orElseThrow();
    }

    /** Who looked at or changed a person's record, oldest first. */
    public record AccessHistory(Chronology.PersonRef person, List<AuditLog.Stored> entries) {
    }

    /** Who looked at a person's record and why (a subject access request), for those the policy lets see it. */
    public AccessHistory accessHistory(Actor actor, long id) {
        var ref = reader.person(id).orElseThrow(() -> new NotFound(id));
        Standing standing = database.jdbi().withHandle(h -> standing(h, actor, network(h, id)));
        if (!policy.accessHistory(actor, standing)) {
            record(actor, "refused: read access history", id, null);
            if (policy.person(actor, standing) == AccessPolicy.Reach.NONE) {
                throw new NotFound(id);
            }
            throw new Refused("only a safeguarding lead, or the case's reviewer, sees who has looked at a record");
        }
        // Written first, so that the reader's own look is in what they read.
        record(actor, "read access history", id, null);
        return new AccessHistory(ref, AuditLog.history(database, id));
    }

    /** Break-glass grants for a safeguarding lead to review (unreviewed only, or all). */
    public List<CaseTeams.Grant> grantsToReview(Actor actor, boolean unreviewedOnly) {
        requireLead(actor);
        var grants = database.jdbi().withHandle(h -> teams.grants(h, unreviewedOnly));
        record(actor, "read break-glass reviews", null, grants.size() + " grants");
        return grants;
    }

    /** A lead's review of a grant: {@code appropriate} or {@code inappropriate}, with a note. */
    public void review(Actor actor, long grantId, String outcome, String note) {
        requireLead(actor);
        if (!Set.of("appropriate", "inappropriate").contains(outcome)) {
            throw new IllegalArgumentException("the outcome is appropriate or inappropriate, not \"" + outcome + "\"");
        }
        var grant = database.jdbi().withHandle(h -> teams.grants(h, false)).stream().filter(g -> g.id() == grantId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no break-glass grant " + grantId));
        if (grant.reviewedBy() != null) {
            throw new IllegalStateException("grant " + grantId + " was already reviewed by " + grant.reviewedBy());
        }
        database.jdbi().useTransaction(h -> teams.review(h, grantId, actor.username(), outcome, note));
        record(actor, "review break glass", grant.personId(), "grant " + grantId + ": " + outcome);
    }

    /**
     * Checks the actor is one who decides whether two agencies' records are one person (the review queue, a link's
     * page, a decision on a link); a refusal is audited.
     */
    public void requireLinker(Actor actor, String what) {
        if (!policy.decidesLinks(actor)) {
            record(actor, "refused: " + what, null, null);
            throw new Refused("only practitioners who work with families decide whether two records are one person");
        }
    }

    private void requireLead(Actor actor) {
        if (actor.role() != Role.SAFEGUARDING_LEAD) {
            record(actor, "refused: break-glass reviews", null, null);
            throw new Refused("only a safeguarding lead reviews break-glass access");
        }
    }

    private void requireOperator(Actor actor, String what) {
        if (actor.role() != Role.SYSTEM_OPERATOR) {
            record(actor, "refused: " + what, null, null);
            throw new Refused("only the system operator may " + what);
        }
    }

    /**
     * Checks the actor may see the person's detail (they are part of the child's case, or broke glass), as the child's
     * plan, meetings and escalations need: refused, and the refusal audited, if not.
     */
    public void requireDetail(Actor actor, long id, String action) {
        database.jdbi().useHandle(h -> onTheCase(h, actor, id, network(h, id), action, null));
    }

    private Standing onTheCase(Handle h, Actor actor, long id, Collection<Long> network, String action, String detail) {
        reader.person(id).orElseThrow(() -> new NotFound(id));
        Standing standing = standing(h, actor, network);
        var reach = policy.person(actor, standing);
        if (reach != AccessPolicy.Reach.DETAIL) {
            record(actor, "refused: " + action, id, detail);
            if (reach == AccessPolicy.Reach.NONE) {
                throw new NotFound(id);
            }
            throw new Refused("you are not part of this child's case: ask the allocated worker, or give your reason for access (break-glass)");
        }
        return standing;
    }

    /** Checks the actor may see the person's detail; returns the view to read it through. */
    private Redaction detail(Actor actor, long id, String action, String detail) {
        return database.jdbi().withHandle(h -> {
            var network = network(h, id);
            Standing standing = onTheCase(h, actor, id, network, action, detail);
            List<String> documents = IdLists.chunked(h, "SELECT document FROM person WHERE id IN (<ids>)", network, (rs, ctx) -> rs.getString(1));
            return new Redaction(policy, actor, standing, Redaction.confidentialAddresses(documents), reader::agency);
        });
    }

    private AccessPolicy.Reach reach(Handle h, Actor actor, long person) {
        return policy.person(actor, standing(h, actor, network(h, person)));
    }

    private Standing standing(Handle h, Actor actor, Collection<Long> network) {
        return actor.role() == Role.SYSTEM_OPERATOR ? Standing.NONE : teams.standing(h, actor, network);
    }

    private Set<Long> network(Handle h, long person) {
        return reader.network(h, person, null);
    }

    private Set<String> allConfidentialAddresses() {
        return Redaction.confidentialAddresses(database.jdbi().withHandle(h ->
                h.createQuery("SELECT document FROM person WHERE document LIKE '%confidential%'").mapTo(String.class).list()));
    }

    /** The filters a chronology was read with, for the audit trail (empty: the whole chronology). */
    private static String filters(ChronologyQuery q) {
        var out = new java.util.StringJoiner(" ");
        if (!q.agencies().isEmpty()) {
            out.add("agency=" + q.agencies());
        }
        if (!q.types().isEmpty()) {
            out.add("type=" + String.join(",", q.types()));
        }
        for (var f : List.of(Map.entry("from", String.valueOf(q.from())), Map.entry("to", String.valueOf(q.to())),
                Map.entry("recordedBy", String.valueOf(q.recordedBy())), Map.entry("knownTo", String.valueOf(q.knownTo())),
                Map.entry("knownBy", String.valueOf(q.knownBy())))) {
            if (!f.getValue().equals("null")) {
                out.add(f.getKey() + "=" + f.getValue());
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private void record(Actor actor, String action, Long person, String detail) {
        audit(actor, action, person, detail).await();
    }

    /** Queues the audit entry of a read already allowed, to be awaited before the read's answer goes out. */
    private Audit.Pending audit(Actor actor, String action, Long person, String detail) {
        return audit.append(new AuditLog.Entry(actor.username(), action, person, detail, actor.client(), actor.purpose()));
    }
}
