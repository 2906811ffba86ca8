package org.cradle.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cradle.casefile.Json;
import org.cradle.chronology.Chronology;

/**
 * The facts a practitioner wants first about a child, derived from the record (never kept beside it): plans in force,
 * legal status, the allocated worker and who came before, and dates ahead.
 */
public record KeyFacts(List<Fact> plans, List<Fact> legal, Fact worker, List<Fact> workers, List<Fact> ahead) {

    /** One fact: what, since when, and from which record. */
    public record Fact(String what, String since, String agency) {
    }

    /** The entry types key facts are drawn from: only their documents are read. */
    private static final java.util.Set<String> TYPES = java.util.Set.of("plan.started", "plan.ended", "court.order", "looked-after.started",
            "looked-after.ended", "case.worker-allocated", "case.worker-left", "custody.released");

    static KeyFacts of(Chronology chronology, LocalDate today) {
        long child = chronology.person().id();
        var plans = new LinkedHashMap<String, Fact>();
        var legal = new LinkedHashMap<String, Fact>();
        var workers = new ArrayList<Fact>();
        var current = new LinkedHashMap<String, Fact>();
        var ahead = new ArrayList<Fact>();
        if (chronology.person().expected() != null && !chronology.person().expected().isBlank()
                && chronology.person().expected().compareTo(today.toString()) >= 0) {
            ahead.add(new Fact("Expected date of delivery", chronology.person().expected(), null));
        }
        for (var e : chronology.entries()) {
            if (!TYPES.contains(e.type())) {
                continue;
            }
            boolean aboutChild = e.people().stream().anyMatch(p -> p.person() == child && p.as().equals("subject"));
            JsonNode details = aboutChild || e.type().equals("custody.released") ? Json.read(e.document()).path("details") : null;
            String when = e.occurred().text();
            String agency = e.agency().name();
            if (aboutChild) {
                switch (e.type()) {
                    case "plan.started" -> plans.put(details.path("kind").asText("plan"), new Fact(plan(details.path("kind").asText("")), when, agency));
                    case "plan.ended" -> plans.remove(details.path("kind").asText("plan"));
                    case "court.order" -> {
                        String order = details.path("order").asText("order");
                        if (details.path("ended").asBoolean(false)) {
                            legal.remove(order);
                        } else {
                            legal.put(order, new Fact(order.replace('-', ' ') + " order", when, agency));
                        }
                    }
                    case "looked-after.started" -> legal.put("looked-after", new Fact("Looked after"
                            + (details.path("basis").isTextual() ? " (" + details.path("basis").asText().replace('-', ' ') + ")" : ""), when, agency));
                    case "looked-after.ended" -> legal.remove("looked-after");
                    case "case.worker-allocated" -> {
                        String who = details.path("practitioner").asText("a worker");
                        String role = details.path("role").asText("");
                        var fact = new Fact(who + (role.isEmpty() ? "" : ", " + role.replace('-', ' ')), when, agency);
                        workers.add(fact);
                        current.put(who, fact);
                    }
                    case "case.worker-left" -> current.remove(details.path("practitioner").asText(""));
                    default -> { }
                }
            }
            if (e.type().equals("custody.released") && details.path("licence_end").isTextual()
                    && details.path("licence_end").asText().compareTo(today.toString()) >= 0) {
                ahead.add(new Fact("Licence ends", details.path("licence_end").asText(), agency));
            }
        }
        Fact worker = current.isEmpty() ? null : new ArrayList<>(current.values()).get(current.size() - 1);
        return new KeyFacts(List.copyOf(plans.values()), List.copyOf(legal.values()), worker, List.copyOf(workers), List.copyOf(ahead));
    }

    private static final Map<String, String> PLANS = Map.of("cp", "Child protection plan", "cin", "Child in need plan",
            "early-help", "Early help plan", "care", "Care plan", "pathway", "Pathway plan");

    private static String plan(String kind) {
        return PLANS.getOrDefault(kind, kind.isEmpty() ? "Plan" : kind.replace('-', ' ') + " plan");
    }
}
