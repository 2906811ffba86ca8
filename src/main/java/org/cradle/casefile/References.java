package org.cradle.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every place in a case file's elements that names another element by id: an event's agency, subjects, the
 * people in {@code about}, {@code shared_with}, {@code supersedes} and the details the format types as ids;
 * a relationship's two people.
 */
public final class References {

    private final Vocabulary vocabulary;

    public References(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The ids of {@code target} elements that an element of {@code section} names. */
    public Set<String> of(Section section, JsonNode element, Section target) {
        var ids = new LinkedHashSet<String>();
        visit(section, element, target, id -> {
            ids.add(id);
            return id;
        });
        return ids;
    }

    /** Rewrites, in place, every id of a {@code target} element that an element of {@code section} names. */
    public void rename(Section section, ObjectNode element, Section target, UnaryOperator<String> rename) {
        visit(section, element, target, rename);
    }

    private void visit(Section section, JsonNode element, Section target, UnaryOperator<String> f) {
        if (section == Section.RELATIONSHIPS && target == Section.PEOPLE) {
            field(element, "from", f);
            field(element, "to", f);
        }
        if (section != Section.EVENTS) {
            return;
        }
        switch (target) {
            case AGENCIES -> {
                field(element, "agency", f);
                list(element.get("shared_with"), f);
            }
            case PEOPLE -> {
                list(element.get("subjects"), f);
                element.path("about").forEach(a -> field(a, "person", f));
            }
            case EVENTS -> field(element, "supersedes", f);
            case RELATIONSHIPS -> {
                return;
            }
        }
        JsonNode details = element.get("details");
        if (details == null || !details.isObject()) {
            return;
        }
        String one = switch (target) {
            case AGENCIES -> "agency";
            case PEOPLE -> "person";
            case EVENTS -> "event";
            case RELATIONSHIPS -> "";
        };
        String many = target.key();
        for (Vocabulary.DetailRule rule : vocabulary.detailRules(element.path("type").asText())) {
            if (rule.kind().equals(one)) {
                field(details, rule.key(), f);
            } else if (rule.kind().equals(many)) {
                list(details.get(rule.key()), f);
            }
        }
    }

    private static void field(JsonNode node, String key, UnaryOperator<String> f) {
        JsonNode v = node.get(key);
        if (v != null && v.isTextual() && node instanceof ObjectNode o) {
            String renamed = f.apply(v.asText());
            if (!renamed.equals(v.asText())) {
                o.set(key, TextNode.valueOf(renamed));
            }
        }
    }

    private static void list(JsonNode list, UnaryOperator<String> f) {
        if (list instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    String renamed = f.apply(a.get(i).asText());
                    if (!renamed.equals(a.get(i).asText())) {
                        a.set(i, TextNode.valueOf(renamed));
                    }
                }
            }
        }
    }
}
