package org.cradle.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cradle.casefile.Json;

/**
 * The record-an-event form: the common event types, each with the one detail that matters most, and the grades.
 * Checks what was entered and says, field by field, what to put right (the GOV.UK error-summary pattern).
 */
public final class EventForm {

    /** An event type offered on the form, with its key detail (options empty: free text). */
    public record Kind(String type, String label, String detail, String detailLabel, List<String> options) {

        public String fieldId() {
            return "detail-" + type.replace('.', '-');
        }
    }

    public static final List<Kind> KINDS = List.of(
            new Kind("health.injury", "An injury", "injury", "What injury", List.of("bruise", "fracture", "burn", "head", "bite", "other")),
            new Kind("police.domestic-abuse", "Domestic abuse", "risk", "Assessed risk", List.of("standard", "medium", "high")),
            new Kind("observation", "An observation of care", "concern", "What was of concern",
                    List.of("none", "coercive-control", "rough-handling", "poor-bonding", "disinterest", "other")),
            new Kind("home.conditions", "Home conditions", "concern", "What was wrong in the home",
                    List.of("substance-smell", "damage", "hygiene", "unsafe-sleeping", "other")),
            new Kind("health.appointment", "A health appointment", "outcome", "Outcome",
                    List.of("attended", "missed", "was-not-brought", "cancelled-by-family", "cancelled-by-service")),
            new Kind("health.concern", "A health concern", "concern", "What concern",
                    List.of("mental-health", "postnatal-depression", "self-harm", "substance-use", "alcohol", "medication-stopped", "other")),
            new Kind("case.worker-allocated", "A worker allocated", "practitioner", "Name of the worker", List.of()));

    public static final List<String> SOURCES = List.of("professional", "self", "family", "partner", "ex-partner", "neighbour", "anonymous", "records");

    final Map<String, String> values = new LinkedHashMap<>();
    public final Map<String, String> errors = new LinkedHashMap<>();

    static EventForm empty() {
        return new EventForm();
    }

    static EventForm from(Context ctx, LocalDate today) {
        var form = new EventForm();
        for (String field : List.of("type", "occurred-day", "occurred-month", "occurred-year", "summary", "source", "reliability", "validity")) {
            form.values.put(field, trim(ctx.formParam(field)));
        }
        KINDS.forEach(k -> form.values.put(k.fieldId(), trim(ctx.formParam(k.fieldId()))));
        form.check(today);
        return form;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    Kind kind() {
        return KINDS.stream().filter(k -> k.type().equals(value("type"))).findFirst().orElse(null);
    }

    private void check(LocalDate today) {
        Kind kind = kind();
        if (kind == null) {
            errors.put("type", "Select what happened");
        }
        LocalDate occurred = occurred();
        if (value("occurred-day").isEmpty() && value("occurred-month").isEmpty() && value("occurred-year").isEmpty()) {
            errors.put("occurred-day", "Enter the date it happened");
        } else if (occurred == null) {
            errors.put("occurred-day", "The date it happened must be a real date, for example 18 6 2018");
        } else if (occurred.isAfter(today)) {
            errors.put("occurred-day", "The date it happened must be today or in the past");
        }
        if (kind != null && value(kind.fieldId()).isEmpty()) {
            errors.put(kind.fieldId(), (kind.options().isEmpty() ? "Enter " : "Select ") + kind.detailLabel().toLowerCase(java.util.Locale.ROOT));
        } else if (kind != null && !kind.options().isEmpty() && !kind.options().contains(value(kind.fieldId()))) {
            errors.put(kind.fieldId(), "Select one of the listed answers for " + kind.detailLabel().toLowerCase(java.util.Locale.ROOT));
        } else if (kind != null && value(kind.fieldId()).length() > 200) {
            errors.put(kind.fieldId(), kind.detailLabel() + " must be 200 characters or fewer");
        }
        if (value("summary").isEmpty()) {
            errors.put("summary", "Enter what happened");
        } else if (value("summary").length() > 4000) {
            errors.put("summary", "What happened must be 4,000 characters or fewer");
        }
        if (!value("source").isEmpty() && !SOURCES.contains(value("source"))) {
            errors.put("source", "Select who the information came from");
        }
        if (!value("reliability").isEmpty() && !List.of("A", "B", "C", "D", "E").contains(value("reliability"))) {
            errors.put("reliability", "Select how reliable the source is, from A to E");
        }
        if (!value("validity").isEmpty() && !List.of("1", "2", "3", "4", "5").contains(value("validity"))) {
            errors.put("validity", "Select how valid the information is, from 1 to 5");
        }
    }

    private LocalDate occurred() {
        try {
            return LocalDate.of(Integer.parseInt(value("occurred-year")), Integer.parseInt(value("occurred-month")),
                    Integer.parseInt(value("occurred-day")));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** The event as the case-file format has it (the recorder adds its id, agency and subject). */
    ObjectNode event(LocalDate today) {
        Kind kind = kind();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", kind.type());
        event.put("occurred", occurred().toString());
        event.put("recorded", today.toString());
        event.put("summary", value("summary"));
        event.putObject("details").put(kind.detail(), value(kind.fieldId()));
        if (!value("source").isEmpty() || !value("reliability").isEmpty()) {
            ObjectNode source = event.putObject("source");
            if (!value("source").isEmpty()) {
                source.put("kind", value("source"));
            }
            if (!value("reliability").isEmpty()) {
                source.put("reliability", value("reliability"));
            }
        }
        if (!value("validity").isEmpty()) {
            event.put("validity", value("validity"));
        }
        return event;
    }
}
