package org.cradle.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.casefile.Json;
import org.cradle.chronology.Chronology;

/**
 * The chronology as a practitioner reads it: each entry with its grades (how reliable the source, how valid the
 * information), late recording, and which agencies had it; and a picture of the whole span, one lane per agency.
 */
public final class Timeline {

    /** Days between an event and its recording past which the recording counts as late. */
    static final long LATE_DAYS = 7;

    private static final Set<String> HARM = Set.of("health.injury", "harm.serious", "police.domestic-abuse", "statement.threat",
            "health.medical-opinion", "police.incident");
    private static final Map<String, String> RELIABILITY = Map.of("A", "always reliable", "B", "mostly reliable", "C", "fairly reliable",
            "D", "not usually reliable", "E", "untested");
    private static final Map<String, String> VALIDITY = Map.of("1", "known to be true", "2", "known to the source, not the officer",
            "3", "not personally known, corroborated", "4", "cannot be judged", "5", "suspected false");

    public record Item(Chronology.Entry entry, String source, String reliability, String validity, boolean late, boolean harm) {

        public String grade() {
            var parts = new ArrayList<String>();
            if (source != null) {
                parts.add("Source: " + source.replace('-', ' '));
            }
            if (reliability != null) {
                parts.add("reliability " + reliability + (RELIABILITY.containsKey(reliability) ? " (" + RELIABILITY.get(reliability) + ")" : ""));
            }
            if (validity != null) {
                parts.add("validity " + validity + (VALIDITY.containsKey(validity) ? " (" + VALIDITY.get(validity) + ")" : ""));
            }
            return parts.isEmpty() ? "Not graded" : String.join(", ", parts);
        }
    }

    /** Entries listed on one page; the picture above the list always shows them all. */
    public static final int PAGE_SIZE = 250;

    public final Chronology chronology;
    private final List<Chronology.Entry> entries;

    Timeline(Chronology chronology, Long person) {
        this.chronology = chronology;
        this.entries = person == null ? chronology.entries()
                : chronology.entries().stream().filter(e -> e.people().stream().anyMatch(p -> p.person() == person)).toList();
    }

    public int size() {
        return entries.size();
    }

    public int pages() {
        return Math.max(1, (entries.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The entries of one page (from 1), graded: only the entries shown have their documents read. */
    public List<Item> page(int page) {
        int from = Math.min(entries.size(), (Math.max(1, page) - 1) * PAGE_SIZE);
        return items(entries.subList(from, Math.min(entries.size(), from + PAGE_SIZE)));
    }

    /** Every entry, graded (for the printed chronology). */
    public List<Item> all() {
        return items(entries);
    }

    private static List<Item> items(List<Chronology.Entry> entries) {
        var items = new ArrayList<Item>(entries.size());
        for (var e : entries) {
            String[] grades = grades(e.document());
            items.add(new Item(e, grades[0], grades[1], grades[2], e.recordingDelayDays() > LATE_DAYS, HARM.contains(e.type())));
        }
        return items;
    }

    /**
     * The source's kind and reliability and the information's validity, read by streaming over the event's top-level
     * keys (a chronology page has thousands of entries; building each document's tree was most of its time).
     */
    static String[] grades(String document) {
        String[] grades = new String[3];
        try (JsonParser p = Json.MAPPER.getFactory().createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return grades;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("source") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v.isScalarValue() && v != JsonToken.VALUE_NULL && field.equals("kind")) {
                            grades[0] = p.getText();
                        } else if (v.isScalarValue() && v != JsonToken.VALUE_NULL && field.equals("reliability")) {
                            grades[1] = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (name.equals("validity") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    grades[2] = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return grades;
    }

    /** The entries by year, for headings in the list. */
    public static Map<String, List<Item>> byYear(List<Item> items) {
        var years = new LinkedHashMap<String, List<Item>>();
        for (var i : items) {
            years.computeIfAbsent(String.valueOf(i.entry().occurred().first().getYear()), y -> new ArrayList<>()).add(i);
        }
        return years;
    }

    /** The whole span as a picture: one lane per agency, a mark per entry (red for harm and violence). */
    public String svg() {
        if (entries.isEmpty()) {
            return "";
        }
        var lanes = new LinkedHashMap<Long, String>();
        entries.stream().map(Chronology.Entry::agency).sorted(java.util.Comparator.comparing(Chronology.AgencyRef::name))
                .forEach(a -> lanes.putIfAbsent(a.id(), a.name()));
        LocalDate first = entries.get(0).occurred().first().withDayOfYear(1);
        LocalDate last = entries.stream().map(e -> e.occurred().first()).max(LocalDate::compareTo).orElse(first).plusYears(1).withDayOfYear(1);
        long days = Math.max(1, ChronoUnit.DAYS.between(first, last));
        int label = 250;
        int width = 960;
        int plot = width - label - 20;
        int lane = 22;
        int height = 30 + lanes.size() * lane + 10;
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cradle-timeline\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"timeline-title\" font-family=\"Arial, sans-serif\"><title id=\"timeline-title\">")
                .append(entries.size()).append(" entries from ").append(first.getYear()).append(" to ").append(last.getYear() - 1)
                .append(" by agency; every entry is listed below</title>");
        int years = last.getYear() - first.getYear();
        int step = years > 12 ? (years + 11) / 12 : 1;
        for (int y = first.getYear(); y <= last.getYear(); y += step) {
            double x = label + plot * (double) ChronoUnit.DAYS.between(first, LocalDate.of(y, 1, 1)) / days;
            svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"20\" x2=\"").append(fmt(x)).append("\" y2=\"").append(height - 8)
                    .append("\" stroke=\"#b1b4b6\"/><text x=\"").append(fmt(x + 3)).append("\" y=\"14\" font-size=\"13\" fill=\"#505a5f\">")
                    .append(y).append("</text>");
        }
        int row = 0;
        var laneOf = new LinkedHashMap<Long, Integer>();
        for (var l : lanes.entrySet()) {
            int y = 30 + row * lane;
            laneOf.put(l.getKey(), row++);
            svg.append("<text x=\"").append(label - 8).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\" font-size=\"13\" fill=\"#0b0c0c\">")
                    .append(Genogram.esc(l.getValue().length() > 34 ? l.getValue().substring(0, 33) + "…" : l.getValue())).append("</text>");
            svg.append("<line x1=\"").append(label).append("\" y1=\"").append(y + 10).append("\" x2=\"").append(width - 20).append("\" y2=\"")
                    .append(y + 10).append("\" stroke=\"#f3f2f1\" stroke-width=\"12\"/>");
        }
        for (var e : entries) {
            boolean harm = HARM.contains(e.type());
            double x = label + plot * (double) ChronoUnit.DAYS.between(first, e.occurred().first()) / days;
            int y = 30 + laneOf.get(e.agency().id()) * lane + 10;
            svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(y).append("\" r=\"").append(harm ? 5 : 4)
                    .append("\" fill=\"").append(harm ? "#d4351c" : "#1d70b8").append("\" fill-opacity=\"0.8\"/>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }
}
