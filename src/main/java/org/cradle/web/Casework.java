package org.cradle.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cradle.access.Account;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
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
 * What the pages read and write, one small method each, every one told who is asking: the single place where what a
 * practitioner may see and do is decided (need-to-know access, issue 6, narrows it here).
 */
public final class Casework {

    /** A child's overview: who is around them, the key facts, the alerts open about them. */
    public record Overview(Chronology chronology, Family family, KeyFacts facts, List<AlertStore.StoredAlert> alerts) {
    }

    /** One alert with what it rests on and what has been done about it. */
    public record AlertView(AlertStore.StoredAlert alert, Chronology.PersonRef subject, List<Chronology.Entry> evidence,
                     List<AlertStore.ActionTaken> actions) {
    }

    private static final List<String> SEVERITY = List.of("urgent", "high", "medium", "low");

    private final Services services;
    private final FamilyReader families;
    private final Importer importer;
    private final EventRecorder recorder;
    private RuleEngine engine;

    Casework(Services services) {
        this.services = services;
        this.families = new FamilyReader(services.database());
        this.importer = new Importer(services.database(), services.clock());
        this.recorder = new EventRecorder(services.database(), importer);
    }

    LocalDate today() {
        return LocalDate.now(services.clock());
    }

    List<Chronology.PersonRef> find(Account who, String query) {
        return services.chronologies().findPeople(query, 50);
    }

    Optional<Overview> overview(Account who, long person) {
        return services.chronologies().chronology(person, ChronologyQuery.everything()).map(c -> new Overview(c,
                families.family(person).orElseThrow(), KeyFacts.of(c, today()), openAlerts(person)));
    }

    Optional<Family> family(Account who, long person) {
        return families.family(person);
    }

    /** Open and acknowledged alerts about the person, most urgent first: an injury to a baby must not sit below a late recording. */
    List<AlertStore.StoredAlert> openAlerts(long person) {
        return services.alerts().list(person, null).stream().filter(a -> Set.of("open", "acknowledged").contains(a.status()))
                .sorted(Comparator.comparing((AlertStore.StoredAlert a) -> SEVERITY.indexOf(a.severity()))
                        .thenComparing(AlertStore.StoredAlert::raisedOn, Comparator.reverseOrder()))
                .toList();
    }

    Optional<Chronology> chronology(Account who, long person, ChronologyQuery query) {
        return services.chronologies().chronology(person, query);
    }

    List<AlertStore.StoredAlert> inbox(Account who, boolean team) {
        return services.alerts().inbox(who.username(), who.agency(), team).stream()
                .sorted(Comparator.comparing((AlertStore.StoredAlert a) -> SEVERITY.indexOf(a.severity()))
                        .thenComparing(AlertStore.StoredAlert::raisedOn, Comparator.reverseOrder()))
                .toList();
    }

    Optional<AlertView> alert(Account who, long id) {
        return services.alerts().find(id).map(a -> {
            var chronology = services.chronologies().chronology(a.subject(), ChronologyQuery.everything()).orElseThrow();
            var evidence = chronology.entries().stream().filter(e -> a.evidence().contains(e.id())).toList();
            return new AlertView(a, chronology.person(), evidence, services.alerts().actions(id));
        });
    }

    AlertStore.StoredAlert act(Account who, long alert, AlertStore.Action action, String note) {
        return services.alerts().act(alert, who.username(), action, note);
    }

    /** Records an event about the person as the practitioner's agency; empty when the agency is not in the record. */
    Optional<ImportResult> record(Account who, long person, EventForm form) throws IOException, InvalidCaseFileException {
        var result = recorder.record(person, who.agency(), form.event(today()), who.username());
        result.ifPresent(this::raiseAlerts);
        return result;
    }

    ImportResult upload(Account who, Path file) throws IOException, InvalidCaseFileException {
        var result = importer.importFile(file, who.username());
        raiseAlerts(result);
        return result;
    }

    private void raiseAlerts(ImportResult result) {
        if (!result.alreadyStored()) {
            services.alerts().refreshImport(result.importId(), engine());
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
