package org.cradle.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cradle.chronology.ChronologyQuery;

/** Reads request parameters, refusing bad ones with a message that names them. */
final class Params {

    private Params() {
    }

    static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "not a record id: \"" + ctx.pathParam(name) + "\"");
        }
    }

    static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "not a date (YYYY-MM-DD): \"" + value + "\"");
        }
    }

    static Long optionalId(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "not a record id: \"" + value + "\"");
        }
    }

    /** A page number from 1 to the last page; 1 when not given. */
    static int page(Context ctx, int pages) {
        String value = ctx.queryParam("page");
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value);
            if (page >= 1 && page <= pages) {
                return page;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadRequest("page", "a page from 1 to " + pages + ", not \"" + value + "\"");
    }

    /** The chronology filters: agency (repeatable), type (repeatable), from, to, recordedBy, knownTo, knownBy. */
    static ChronologyQuery chronologyQuery(Context ctx) {
        Set<Long> agencies = ctx.queryParams("agency").stream().filter(s -> !s.isBlank()).map(s -> {
            try {
                return Long.valueOf(s);
            } catch (NumberFormatException e) {
                throw new BadRequest("agency", "not a record id: \"" + s + "\"");
            }
        }).collect(Collectors.toSet());
        List<String> types = ctx.queryParams("type").stream().flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequest("to", "before from (" + from + ")");
        }
        Long knownTo = optionalId(ctx, "knownTo");
        LocalDate knownBy = date(ctx, "knownBy");
        if (knownBy != null && knownTo == null) {
            throw new BadRequest("knownBy", "needs knownTo: the agency whose knowledge is asked about");
        }
        return new ChronologyQuery(agencies, types, from, to, date(ctx, "recordedBy"), knownTo, knownBy);
    }
}
