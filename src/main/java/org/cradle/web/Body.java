package org.cradle.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cradle.casefile.Json;

/** A JSON request body, read field by field; a missing or malformed field is refused naming its JSON path. */
final class Body {

    private final JsonNode root;

    private Body(JsonNode root) {
        this.root = root;
    }

    static Body of(Context ctx) {
        try {
            JsonNode root = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(ctx.body());
            if (!root.isObject()) {
                throw new BadRequest("$", "the body is a JSON object");
            }
            return new Body(root);
        } catch (java.io.IOException e) {
            throw new BadRequest("$", "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * A form, read as the same fields: blank fields are absent, {@code listed} fields are lists, and
     * {@code attendance.12=attended} is the attendance object. The CSRF token is not a field.
     */
    static Body ofForm(Context ctx, java.util.Set<String> listed) {
        var root = Json.MAPPER.createObjectNode();
        ctx.formParamMap().forEach((key, values) -> {
            if (key.equals(SignIn.CSRF)) {
                return;
            }
            if (listed.contains(key)) {
                var list = root.putArray(key);
                values.stream().filter(v -> !v.isBlank()).forEach(list::add);
            } else if (key.startsWith("attendance.")) {
                root.withObjectProperty("attendance").put(key.substring("attendance.".length()), values.get(0));
            } else if (!values.isEmpty() && !values.get(0).isBlank()) {
                root.put(key, values.get(0));
            }
        });
        return new Body(root);
    }

    String text(String name) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest("$." + name, "required");
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequest("$." + name, "a string");
        }
        return v.asText();
    }

    Long optionalId(String name) {
        JsonNode v = root.get(name);
        return v == null || v.isNull() ? null : id(v, "$." + name);
    }

    /** A record id: a JSON whole number, or the text of one (as a form sends it). */
    private static long id(JsonNode v, String path) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(path, "a record id (a whole number)");
        }
    }

    long id(String name) {
        Long value = optionalId(name);
        if (value == null) {
            throw new BadRequest("$." + name, "required");
        }
        return value;
    }

    LocalDate date(String name) {
        String value = text(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("$." + name, "not a date (YYYY-MM-DD): \"" + value + "\"");
        }
    }

    boolean flag(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return switch (v.asText()) {
            case "true", "on", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new BadRequest("$." + name, "true or false");
        };
    }

    List<Long> ids(String name) {
        var out = new ArrayList<Long>();
        JsonNode v = root.path(name);
        for (int i = 0; i < v.size(); i++) {
            out.add(id(v.get(i), "$." + name + "[" + i + "]"));
        }
        return out;
    }

    List<String> texts(String name) {
        var out = new ArrayList<String>();
        root.path(name).forEach(x -> out.add(x.asText()));
        return out;
    }

    /** An object from agency id to a word: {"12": "attended"}. */
    Map<Long, String> byId(String name) {
        var out = new LinkedHashMap<Long, String>();
        var fields = root.path(name).fields();
        while (fields.hasNext()) {
            var f = fields.next();
            try {
                out.put(Long.valueOf(f.getKey()), f.getValue().asText());
            } catch (NumberFormatException e) {
                throw new BadRequest("$." + name + "." + f.getKey(), "not a record id");
            }
        }
        return out;
    }
}
