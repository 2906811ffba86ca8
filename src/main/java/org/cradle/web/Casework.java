package org.cradle.web;

import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cradle.access.AccessPolicy;
import org.cradle.access.Actor;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.linkage.Identities;
import org.cradle.linkage.Review;
import org.cradle.people.Family;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.StandardEngine;
import org.cradle.store.AlertStore;
import org.cradle.store.EventRecorder;
import org.cradle.store.FamilyReader;
import org.cradle.store.ImportResult;
import org.cradle.store.Importer;

/**
 * What the pages read and write, one small method each, every one told who is acting. People's records are read
 * through the access policy ({@link org.cradle.store.RecordAccess}), which decides what the actor may see and audits
 * each read; nothing here reads a record before the policy has let the actor see it.
 */
public final class Casework {

    /** A child's overview: who is around them, the key facts, the alerts open about them, and (for those who decide links) their records' links. */
    public record Overview(Chronology chronology, Family family, KeyFacts facts, List<AlertStore.StoredAlert> alerts, List<Identities.Link> links) {
    }

    /** One alert with what it rests on and what has been done about it. */
    public record AlertView(AlertStore.StoredAlert alert, Chronology.PersonRef subject, List<Chronology.Entry> evidence,
                            List<AlertStore.ActionTaken> actions) {
    }

    private static final List<String> SEVERITY = List.of("urgent", "high", "medium", "low");

    private final Services services;
    private final FamilyReader families;
    private final AlertStore alerts;
    private final Importer importer;
    private final EventRecorder recorder;
    private final Identities identities;
    private final Review review;
    private RuleEngine engine;

    Casework(Services services) {
        this.services = services;
        this.families = new FamilyReader(services.database());
        this.alerts = new AlertStore(services.database(), services.clock());
        this.importer = new Importer(services.database(), services.clock());
        this.recorder = new EventRecorder(services.database(), importer);
        this.identities = new Identities(services.database(), services.audit(), services.clock());
        this.review = new Review(identities, services.records(), services.audit());
    }

    /** The review of links between agencies' records of one person. */
    Review review() {
        return review;
    }

    LocalDate today() {
        return LocalDate.now(services.clock());
    }

    List<Chronology.PersonRef> find(Actor who, String query) {
        return services.records().findPeople(who, query, 50);
    }

    Overview overview(Actor who, long person) {
        var chronology = services.records().chronology(who, person, ChronologyQuery.everything());
        return new Overview(chronology, family(chronology), KeyFacts.of(chronology, today()), openAlerts(who, person), review.linksOf(who, person));
    }

    /** The family of the person whose chronology the actor has been let read. */
    Family family(Chronology readable) {
        return families.family(readable.person().id()).orElseThrow(() -> new NotFoundResponse("no person with id " + readable.person().id()));
    }

    /** Open and acknowledged alerts about the person, most urgent first: an injury to a baby must not sit below a late recording. */
    private List<AlertStore.StoredAlert> openAlerts(Actor who, long person) {
        return sorted(services.records().alerts(who, person, null).stream().filter(a -> Set.of("open", "acknowledged").contains(a.status())).toList());
    }

    private static List<AlertStore.StoredAlert> sorted(List<AlertStore.StoredAlert> alerts) {
        return alerts.stream().sorted(Comparator.comparing((AlertStore.StoredAlert a) -> SEVERITY.indexOf(a.severity()))
                .thenComparing(AlertStore.StoredAlert::raisedOn, Comparator.reverseOrder())).toList();
    }

    Chronology chronology(Actor who, long person, ChronologyQuery query) {
        return services.records().chronology(who, person, query);
    }

    /** The person's name for a page about them, as the policy lets the actor know them. */
    Chronology.PersonRef person(Actor who, long person) {
        return services.records().person(who, person).person();
    }

    /** Alerts assigned to the actor, or about children their agency knows, among those the policy lets them see. */
    List<AlertStore.StoredAlert> inbox(Actor who, boolean team) {
        var ids = new HashSet<Long>();
        alerts.inbox(who.username(), who.agency(), team).forEach(a -> ids.add(a.id()));
        return sorted(services.records().alerts(who, null, null).stream().filter(a -> ids.contains(a.id())).toList());
    }

    AlertView alert(Actor who, long id) {
        var alert = alerts.find(id).orElseThrow(() -> new NotFoundResponse("no alert with id " + id));
        var chronology = services.records().chronology(who, alert.subject(), ChronologyQuery.everything());
        var evidence = chronology.entries().stream().filter(e -> alert.evidence().contains(e.id())).toList();
        return new AlertView(alert, chronology.person(), evidence, alerts.actions(id));
    }

    AlertStore.StoredAlert act(Actor who, long alert, AlertStore.Action action, String note) {
        return services.records().actOnAlert(who, alert, action, note);
    }

    /**
     * Records an event about the person as the actor's agency, when the policy lets them see the person's record;
     * empty when their agency is not in the record.
     */
    Optional<ImportResult> record(Actor who, long person, EventForm form) throws IOException, InvalidCaseFileException {
        if (services.records().person(who, person).reach() != AccessPolicy.Reach.DETAIL) {
            throw new SignIn.Forbidden("you are not part of this child's case, so cannot record about them");
        }
        var result = recorder.record(person, who.agency(), form.event(today()), who.username());
        result.ifPresent(this::raiseAlerts);
        return result;
    }

    /** Stores an uploaded case file, raises its alerts, and matches its people against those stored. */
    ImportResult upload(Actor who, Path file) throws IOException, InvalidCaseFileException {
        var result = importer.importFile(file, who.username());
        raiseAlerts(result);
        if (!result.alreadyStored()) {
            identities.matchNew(who.username());
        }
        return result;
    }

    private void raiseAlerts(ImportResult result) {
        if (!result.alreadyStored()) {
            alerts.refreshImport(result.importId(), engine());
        }
    }

    private synchronized RuleEngine engine() {
        if (engine == null) {
            try {
                engine = StandardEngine.from(RulePack.defaultFolder());
            } catch (IOException | RulePack.InvalidRulePackException e) {
                throw new IllegalStateException("the early-warning rules could not be read from " + RulePack.defaultFolder(), e);
            }
        }
        return engine;
    }
}
