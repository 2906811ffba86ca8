package org.cradle.rules;

import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.LongArrayList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Set;
import org.cradle.chronology.Event;
import org.cradle.people.Person;

/**
 * What is known about one child and the adults around them at a point in event time: the facts rules ask about,
 * kept up to date event by event. Offered to rule conditions as the CEL maps {@code child} and {@code person}.
 */
final class ChildState {

    /** What is known about one adult around the child. */
    static final class Adult {
        final String id;
        final Person person;
        final String role;
        boolean violent;
        boolean sexOffender;
        boolean lookedAfter;
        boolean assessed;
        boolean inCustody;
        LocalDate released;
        LocalDate licenceEnd;
        final Set<String> history = new LinkedHashSet<>();

        Adult(String id, Person person, String role) {
            this.id = id;
            this.person = person;
            this.role = role;
        }

        private static final Set<String> KEYS = Set.of("id", "label", "kind", "role", "as", "violent", "sex_offender",
                "looked_after", "assessed", "in_custody", "history");

        /** The adult as CEL sees them, {@code as} their part in the event at hand (worked out only if asked). */
        Map<String, Object> cel(Supplier<String> as) {
            return new LazyFields(KEYS) {
                @Override
                Object value(String key) {
                    return switch (key) {
                        case "id" -> person.id();
                        case "label" -> person.displayName();
                        case "kind" -> person.kind();
                        case "role" -> role;
                        case "as" -> Objects.requireNonNullElse(as.get(), "");
                        case "violent" -> violent;
                        case "sex_offender" -> sexOffender;
                        case "looked_after" -> lookedAfter;
                        case "assessed" -> assessed;
                        case "in_custody" -> inCustody;
                        case "history" -> List.copyOf(history);
                        default -> LazyFields.ABSENT;
                    };
                }
            };
        }
    }

    private static final long NEVER = 100_000;
    /** A day not known, among days as numbers. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    final Person child;
    final Map<String, Adult> adults = new LinkedHashMap<>();
    /** The same adults by their number in the replay; and the child's. */
    private final IntObjectHashMap<Adult> adultsByNumber = new IntObjectHashMap<>();
    private final int childNumber;
    private LocalDate birth;
    private LocalDate expected;
    private String plan = "";
    private boolean lookedAfter;
    private boolean caseOpen;
    private boolean knownToSocialCare;
    private boolean allocated;
    /** The days (as numbers) workers were allocated. */
    private final LongArrayList allocations = new LongArrayList();
    private String mobility;
    private final Set<String> historyPeople = new LinkedHashSet<>();
    // The days, as numbers, of the last of each; UNKNOWN until there is one.
    private long lastDomesticAbuse = UNKNOWN;
    private long lastDisengagement = UNKNOWN;
    private long lastDischargePlanning = UNKNOWN;
    private long lastProtectiveStep = UNKNOWN;
    private boolean preBirthAssessment;

    private final String area;
    private final List<String> socialCareAgencies;
    /** Counts the events that may have changed what is known of the adults, so that it is worked out again only then. */
    private int adultsVersion;

    ChildState(Person child, Map<String, String> roles, Map<String, Person> people, Map<String, Integer> numbers, String area,
               List<String> socialCareAgencies) {
        this.child = child;
        this.childNumber = numbers.getOrDefault(child.id(), -1);
        this.area = area;
        this.socialCareAgencies = socialCareAgencies;
        this.birth = child.birth() == null ? null : child.birth().first();
        this.expected = child.expected() == null ? null : child.expected().first();
        anchorChanged();
        roles.forEach((id, role) -> {
            var adult = new Adult(id, people.get(id), role);
            adults.put(id, adult);
            Integer n = numbers.get(id);
            if (n != null) {
                adultsByNumber.put(n, adult);
            }
        });
    }

    /** Whether the event is about the child. */
    boolean concerns(Arrival arrival) {
        return childNumber >= 0 && arrival.concerns(childNumber);
    }

    /** The first adult around the child whom the event concerns, or null. */
    Adult firstAdult(Arrival arrival) {
        for (int w : arrival.who) {
            Adult a = w < 0 ? null : adultsByNumber.get(w);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /**
     * Whether the child exists yet on that day: born, or within a pregnancy's span (42 weeks) of the birth or the
     * due date. Rules about a child look at events from then on; what came before is history the state remembers.
     */
    boolean conceivedBy(long epochDay) {
        return epochDay >= conceivedFrom;
    }

    /** The first day of the pregnancy's span, as a day number, kept as the birth and due date become known. */
    private long conceivedFrom;

    /** The birth and due dates as day numbers, kept with them. */
    private long birthDay;
    private long expectedDay;

    private void anchorChanged() {
        birthDay = birth == null ? UNKNOWN : birth.toEpochDay();
        expectedDay = expected == null ? UNKNOWN : expected.toEpochDay();
        LocalDate anchor = birth != null ? birth : expected;
        conceivedFrom = anchor == null ? Long.MIN_VALUE : anchor.minusWeeks(42).toEpochDay();
    }
    LocalDate expectedDelivery() {
        return expected != null ? expected : birth;
    }

    /** Updates what is known with one event in the child's scope. */
    void learn(Arrival arrival) {
        Event e = arrival.event;
        long day = arrival.day;
        boolean aboutChild = concerns(arrival);
        if ("childrens-social-care".equals(arrival.agencyKind)) {
            knownToSocialCare = true;
        }
        switch (e.type()) {
            case "birth" -> {
                if (aboutChild && birth == null) {
                    birth = arrival.first;
                    anchorChanged();
                }
            }
            case "pregnancy.confirmed" -> {
                if (e.detail("expected_delivery") instanceof String edd && expected == null) {
                    expected = org.cradle.chronology.EventDate.parse(edd).map(d -> d.first()).orElse(null);
                    anchorChanged();
                }
            }
            case "referral", "case.opened", "case.stepped-up", "strategy.discussion", "s47.started" -> {
                caseOpen = true;
                knownToSocialCare = true;
            }
            case "case.closed", "case.stepped-down" -> caseOpen = false;
            case "plan.started" -> plan = String.valueOf(e.detail("kind"));
            case "plan.ended" -> plan = "";
            case "conference.held" -> {
                Object outcome = e.detail("outcome");
                plan = "cp-plan".equals(outcome) ? "cp" : "cin-plan".equals(outcome) ? "cin" : plan;
            }
            case "looked-after.started" -> lookedAfter = aboutChild || lookedAfter;
            case "looked-after.ended" -> lookedAfter = !aboutChild && lookedAfter;
            case "case.worker-allocated" -> {
                allocated = true;
                allocations.add(day);
            }
            case "case.worker-left" -> allocated = false;
            case "health.injury" -> {
                if (aboutChild && e.detail("mobility") instanceof String m) {
                    mobility = m;
                }
            }
            case "police.domestic-abuse" -> lastDomesticAbuse = day;
            case "observation" -> {
                if ("coercive-control".equals(e.detail("concern"))) {
                    lastDomesticAbuse = day;
                }
            }
            case "health.appointment" -> {
                Object outcome = e.detail("outcome");
                if ("missed".equals(outcome) || "was-not-brought".equals(outcome) || "cancelled-by-family".equals(outcome)) {
                    lastDisengagement = day;
                }
            }
            case "engagement.declined", "engagement.did-not-attend", "engagement.non-compliance" -> lastDisengagement = day;
            case "meeting.held" -> {
                if ("discharge-planning".equals(e.detail("kind"))) {
                    lastDischargePlanning = day;
                }
            }
            case "assessment.started", "assessment.completed" -> {
                caseOpen = true;
                if ("pre-birth".equals(e.detail("kind"))) {
                    preBirthAssessment = true;
                }
                adultsVersion++;
                for (String covered : assessed(e)) {
                    Adult a = adults.get(covered);
                    if (a != null) {
                        a.assessed = true;
                    }
                }
            }
            case "health.cp-medical" -> lastProtectiveStep = day;
            default -> { }
        }
        if (e.type().equals("strategy.discussion") || e.type().equals("placement.started") || e.type().equals("court.order")) {
            lastProtectiveStep = day;
        }
        learnAboutAdults(e, arrival);
    }

    /** Those an assessment covers: its details.covers if given, else its subjects. */
    @SuppressWarnings("unchecked")
    static List<String> assessed(Event e) {
        return e.detail("covers") instanceof List<?> covers ? (List<String>) covers : e.subjects();
    }

    /** The types of event that can change what is known of the adults. */
    private static final Set<String> ABOUT_ADULTS = Set.of("police.domestic-abuse", "statement.threat", "police.incident",
            "offender.registered", "history.recorded", "looked-after.started", "meeting.held", "custody.started", "custody.released");

    private void learnAboutAdults(Event e, Arrival arrival) {
        if (!ABOUT_ADULTS.contains(e.type())) {
            return;
        }
        adultsVersion++;
        for (int w : arrival.who) {
            Adult a = w < 0 ? null : adultsByNumber.get(w);
            if (a == null) {
                continue;
            }
            String id = a.id;
            boolean perpetrator = false;
            for (var i : e.about()) {
                perpetrator |= i.person().equals(id) && i.as().equals("perpetrator");
            }
            boolean subject = e.subjects().contains(id);
            switch (e.type()) {
                case "police.domestic-abuse", "statement.threat" -> a.violent |= perpetrator || subject && e.type().equals("statement.threat");
                case "police.incident" -> a.violent |= perpetrator || subject && "assault".equals(e.detail("kind"));
                case "offender.registered" -> {
                    a.violent = true;
                    a.sexOffender |= "sex-offender".equals(e.detail("register"));
                }
                case "history.recorded" -> {
                    if (subject) {
                        String kind = String.valueOf(e.detail("kind"));
                        a.history.add(kind);
                        historyPeople.add(id);
                        a.violent |= kind.equals("criminal-history") || kind.equals("domestic-abuse-history");
                        if (kind.equals("domestic-abuse-history")) {
                            lastDomesticAbuse = Math.max(lastDomesticAbuse, arrival.day);
                        }
                        a.lookedAfter |= kind.equals("parent-was-looked-after");
                    }
                }
                case "looked-after.started" -> a.lookedAfter |= subject;
                case "meeting.held" -> a.lookedAfter |= subject && "looked-after-review".equals(e.detail("kind"));
                case "custody.started" -> a.inCustody |= subject;
                case "custody.released" -> {
                    if (subject) {
                        a.inCustody = false;
                        a.released = e.occurred().first();
                        if (e.detail("licence_end") instanceof String end) {
                            a.licenceEnd = org.cradle.chronology.EventDate.parse(end).map(d -> d.first()).orElse(null);
                        }
                    }
                }
                default -> { }
            }
        }
        if (e.type().equals("history.recorded") && e.subjects().contains(child.id())) {
            historyPeople.add(child.id());
        }
    }

    /**
     * The child as CEL sees them on a given day: each value worked out from what is known when a condition asks.
     * Conditions are evaluated as an event arrives or once it is taken in, so what they see is the state then.
     */
    Map<String, Object> cel(long day) {
        return new LazyFields(CHILD_KEYS) {
            @Override
            Object value(String key) {
                return childField(key, day);
            }
        };
    }

    private static final Set<String> CHILD_KEYS = Set.of("id", "label", "unborn", "age_days", "under_1", "mobile", "plan",
            "has_plan", "looked_after", "case_open", "known_to_social_care", "allocated", "worker_changes_90d", "pre_birth_assessment",
            "domestic_abuse_days_ago", "disengagement_days_ago", "discharge_planning_days_ago", "protective_step_days_ago",
            "history_people", "unassessed_adults", "violent_adults", "parent_looked_after", "previous_children_removed",
            "licence_end_within_days", "violent_adult_released_days_ago", "area", "social_care_agencies", "conceived");

    private Object childField(String key, long day) {
        return switch (key) {
            case "id" -> child.id();
            case "label" -> child.displayName();
            case "unborn" -> unborn(day);
            case "age_days" -> age(day);
            case "under_1" -> {
                long age = age(day);
                yield !unborn(day) && age >= 0 && age < 365;
            }
            // Not independently mobile: as recorded, else under six months (the format's rule where mobility is not
            // recorded). A child of unknown age is not assumed to be a baby.
            case "mobile" -> mobility != null ? mobility.equals("mobile") : !unborn(day) && (age(day) >= 183 || birth == null && expected == null);
            case "plan" -> plan;
            case "has_plan" -> !plan.isEmpty();
            case "looked_after" -> lookedAfter;
            case "case_open" -> caseOpen;
            case "known_to_social_care" -> knownToSocialCare;
            case "allocated" -> allocated;
            case "worker_changes_90d" -> {
                long changes = 0;
                for (int i = 0; i < allocations.size(); i++) {
                    long d = allocations.get(i);
                    if (d >= day - 90 && d <= day) {
                        changes++;
                    }
                }
                yield changes;
            }
            case "pre_birth_assessment" -> preBirthAssessment;
            case "domestic_abuse_days_ago" -> since(lastDomesticAbuse, day);
            case "disengagement_days_ago" -> since(lastDisengagement, day);
            case "discharge_planning_days_ago" -> since(lastDischargePlanning, day);
            case "protective_step_days_ago" -> since(lastProtectiveStep, day);
            case "history_people" -> adultFacts().historyPeople;
            case "unassessed_adults" -> adultFacts().unassessed;
            case "violent_adults" -> adultFacts().violent;
            case "parent_looked_after" -> adultFacts().parentLookedAfter;
            case "previous_children_removed" -> adultFacts().previousRemoved;
            case "licence_end_within_days" -> {
                long within = NEVER;
                for (LocalDate end : adultFacts().licenceEnds) {
                    within = Math.min(within, Math.abs(end.toEpochDay() - day));
                }
                yield within;
            }
            case "violent_adult_released_days_ago" -> {
                LocalDate released = adultFacts().lastRelease;
                yield released == null ? NEVER : day - released.toEpochDay();
            }
            case "area" -> area;
            case "social_care_agencies" -> socialCareAgencies;
            case "conceived" -> conceivedBy(day);
            default -> LazyFields.ABSENT;
        };
    }

    private boolean unborn(long day) {
        return conceivedBy(day) && (birth != null ? day < birthDay : expected == null || day < expectedDay);
    }

    private long age(long day) {
        return birth != null ? day - birthDay : expected != null ? day - expectedDay : NEVER;
    }

    /** What is known of the adults together, which changes only as events are taken in: worked out once each time. */
    private record AdultFacts(List<String> historyPeople, List<String> unassessed, List<String> violent, boolean parentLookedAfter,
                              boolean previousRemoved, List<LocalDate> licenceEnds, LocalDate lastRelease) {
    }

    private AdultFacts facts;
    private int factsVersion = -1;

    private AdultFacts adultFacts() {
        if (factsVersion == adultsVersion) {
            return facts;
        }
        var unassessed = new ArrayList<String>();
        var violent = new ArrayList<String>();
        var licenceEnds = new ArrayList<LocalDate>();
        boolean parentLookedAfter = false;
        boolean previousRemoved = false;
        LocalDate lastRelease = null;
        for (Adult a : adults.values()) {
            boolean carer = a.role.equals("parent") || a.role.equals("step-parent") || a.role.equals("partner")
                    || a.role.equals("household-member") || a.role.equals("carer");
            if (carer && !a.assessed) {
                unassessed.add(a.id);
            }
            if (a.violent) {
                violent.add(a.id);
            }
            if (a.role.equals("parent") && a.lookedAfter) {
                parentLookedAfter = true;
            }
            previousRemoved |= a.history.contains("previous-children-removed");
            if ((a.violent || a.sexOffender) && a.released != null && (lastRelease == null || a.released.isAfter(lastRelease))) {
                lastRelease = a.released;
            }
            if (a.violent && a.licenceEnd != null) {
                licenceEnds.add(a.licenceEnd);
            }
        }
        facts = new AdultFacts(List.copyOf(historyPeople), List.copyOf(unassessed), List.copyOf(violent), parentLookedAfter,
                previousRemoved, List.copyOf(licenceEnds), lastRelease);
        factsVersion = adultsVersion;
        return facts;
    }

    private static long since(long then, long day) {
        return then == UNKNOWN ? NEVER : day - then;
    }
}
