package org.cradle.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

        Adult(Person person, String role) {
            this.person = person;
            this.role = role;
        }

        Map<String, Object> cel(String as) {
            var m = new HashMap<String, Object>();
            m.put("id", person.id());
            m.put("label", person.displayName());
            m.put("kind", person.kind());
            m.put("role", role);
            m.put("as", as == null ? "" : as);
            m.put("violent", violent);
            m.put("sex_offender", sexOffender);
            m.put("looked_after", lookedAfter);
            m.put("assessed", assessed);
            m.put("in_custody", inCustody);
            m.put("history", List.copyOf(history));
            return m;
        }
    }

    private static final long NEVER = 100_000;

    final Person child;
    final Map<String, Adult> adults = new LinkedHashMap<>();
    private LocalDate birth;
    private LocalDate expected;
    private String plan = "";
    private boolean lookedAfter;
    private boolean caseOpen;
    private boolean knownToSocialCare;
    private boolean allocated;
    private final List<LocalDate> allocations = new ArrayList<>();
    private String mobility;
    private final Set<String> historyPeople = new LinkedHashSet<>();
    private LocalDate lastDomesticAbuse;
    private LocalDate lastDisengagement;
    private LocalDate lastDischargePlanning;
    private LocalDate lastProtectiveStep;
    private boolean preBirthAssessment;

    private final String area;
    private final List<String> socialCareAgencies;

    ChildState(Person child, Map<String, String> roles, Map<String, Person> people, String area, List<String> socialCareAgencies) {
        this.child = child;
        this.area = area;
        this.socialCareAgencies = socialCareAgencies;
        this.birth = child.birth() == null ? null : child.birth().first();
        this.expected = child.expected() == null ? null : child.expected().first();
        roles.forEach((id, role) -> adults.put(id, new Adult(people.get(id), role)));
    }

    /**
     * Whether the child exists yet on that day: born, or within a pregnancy's span (42 weeks) of the birth or the
     * due date. Rules about a child look at events from then on; what came before is history the state remembers.
     */
    boolean conceivedBy(LocalDate day) {
        LocalDate anchor = birth != null ? birth : expected;
        return anchor == null || !day.isBefore(anchor.minusWeeks(42));
    }

    LocalDate expectedDelivery() {
        return expected != null ? expected : birth;
    }

    /** Updates what is known with one event in the child's scope. */
    void learn(Event e, Map<String, String> agencyKinds) {
        LocalDate day = e.occurred().first();
        boolean aboutChild = e.people().contains(child.id());
        if ("childrens-social-care".equals(agencyKinds.get(e.agency()))) {
            knownToSocialCare = true;
        }
        Object kind = e.detail("kind");
        switch (e.type()) {
            case "birth" -> {
                if (aboutChild && birth == null) {
                    birth = day;
                }
            }
            case "pregnancy.confirmed" -> {
                if (e.detail("expected_delivery") instanceof String edd && expected == null) {
                    expected = org.cradle.chronology.EventDate.parse(edd).map(d -> d.first()).orElse(null);
                }
            }
            case "referral", "case.opened", "case.stepped-up", "strategy.discussion", "s47.started" -> {
                caseOpen = true;
                knownToSocialCare = true;
            }
            case "case.closed", "case.stepped-down" -> caseOpen = false;
            case "plan.started" -> plan = String.valueOf(kind);
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
                if ("discharge-planning".equals(kind)) {
                    lastDischargePlanning = day;
                }
            }
            case "assessment.started", "assessment.completed" -> {
                caseOpen = true;
                if ("pre-birth".equals(kind)) {
                    preBirthAssessment = true;
                }
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
        learnAboutAdults(e);
    }

    /** Those an assessment covers: its details.covers if given, else its subjects. */
    @SuppressWarnings("unchecked")
    static List<String> assessed(Event e) {
        return e.detail("covers") instanceof List<?> covers ? (List<String>) covers : e.subjects();
    }

    private void learnAboutAdults(Event e) {
        for (String id : e.people()) {
            Adult a = adults.get(id);
            if (a == null) {
                continue;
            }
            boolean perpetrator = e.about().stream().anyMatch(i -> i.person().equals(id) && i.as().equals("perpetrator"));
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
                            lastDomesticAbuse = lastDomesticAbuse == null || e.occurred().first().isAfter(lastDomesticAbuse)
                                    ? e.occurred().first() : lastDomesticAbuse;
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

    /** The child as CEL sees it on a given day. */
    Map<String, Object> cel(LocalDate day) {
        var m = new HashMap<String, Object>();
        m.put("id", child.id());
        m.put("label", child.displayName());
        boolean unborn = conceivedBy(day) && (birth != null ? day.isBefore(birth) : expected == null || day.isBefore(expected));
        m.put("unborn", unborn);
        long age = birth != null ? ChronoUnit.DAYS.between(birth, day) : expected != null ? ChronoUnit.DAYS.between(expected, day) : NEVER;
        m.put("age_days", age);
        m.put("under_1", !unborn && age >= 0 && age < 365);
        // Not independently mobile: as recorded, else under six months (the format's rule where mobility is not
        // recorded). A child of unknown age is not assumed to be a baby.
        m.put("mobile", mobility != null ? mobility.equals("mobile") : !unborn && (age >= 183 || birth == null && expected == null));
        m.put("plan", plan);
        m.put("has_plan", !plan.isEmpty());
        m.put("looked_after", lookedAfter);
        m.put("case_open", caseOpen);
        m.put("known_to_social_care", knownToSocialCare);
        m.put("allocated", allocated);
        m.put("worker_changes_90d", (long) allocations.stream().filter(d -> !d.isBefore(day.minusDays(90)) && !d.isAfter(day)).count());
        m.put("pre_birth_assessment", preBirthAssessment);
        m.put("domestic_abuse_days_ago", since(lastDomesticAbuse, day));
        m.put("disengagement_days_ago", since(lastDisengagement, day));
        m.put("discharge_planning_days_ago", since(lastDischargePlanning, day));
        m.put("protective_step_days_ago", since(lastProtectiveStep, day));
        m.put("history_people", List.copyOf(historyPeople));
        var unassessed = new ArrayList<String>();
        var violent = new ArrayList<String>();
        boolean parentLookedAfter = false;
        boolean previousRemoved = false;
        long licenceEndsIn = NEVER;
        long violentReleased = NEVER;
        for (Adult a : adults.values()) {
            boolean carer = a.role.equals("parent") || a.role.equals("step-parent") || a.role.equals("partner")
                    || a.role.equals("household-member") || a.role.equals("carer");
            if (carer && !a.assessed) {
                unassessed.add(a.person.id());
            }
            if (a.violent) {
                violent.add(a.person.id());
            }
            if (a.role.equals("parent") && a.lookedAfter) {
                parentLookedAfter = true;
            }
            previousRemoved |= a.history.contains("previous-children-removed");
            if ((a.violent || a.sexOffender) && a.released != null) {
                violentReleased = Math.min(violentReleased, ChronoUnit.DAYS.between(a.released, day));
            }
            if (a.violent && a.licenceEnd != null) {
                licenceEndsIn = Math.min(licenceEndsIn, Math.abs(ChronoUnit.DAYS.between(day, a.licenceEnd)));
            }
        }
        m.put("unassessed_adults", unassessed);
        m.put("violent_adults", violent);
        m.put("parent_looked_after", parentLookedAfter);
        m.put("previous_children_removed", previousRemoved);
        m.put("licence_end_within_days", licenceEndsIn);
        m.put("violent_adult_released_days_ago", violentReleased);
        m.put("area", area);
        m.put("social_care_agencies", socialCareAgencies);
        m.put("conceived", conceivedBy(day));
        return m;
    }

    private static long since(LocalDate then, LocalDate day) {
        return then == null ? NEVER : ChronoUnit.DAYS.between(then, day);
    }
}
