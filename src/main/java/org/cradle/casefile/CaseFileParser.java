package org.cradle.casefile;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Streams a case file one element at a time, so a file of any size is read in bounded memory.
 * Only the lists asked for are turned into trees; the others are skipped token by token.
 */
final class CaseFileParser {

    interface Visitor {
        /** One element of a list; {@code node} is null when the element is not a JSON object. */
        void element(Section section, int index, ObjectNode node);

        /** A list key whose value is not a list. */
        default void notAList(Section section) {
        }

        /** The top-level keys other than the lists (format, area, x_ extensions), once the whole file is read. */
        default void header(ObjectNode header) {
        }
    }

    /** The file is not well-formed JSON (or not an object at the top); {@link #fault()} says where. */
    static final class MalformedJson extends Exception {
        private final transient Fault fault;

        MalformedJson(Fault fault) {
            super(fault.toString());
            this.fault = fault;
        }

        Fault fault() {
            return fault;
        }
    }

    private CaseFileParser() {
    }

    static void parse(Path file, Set<Section> wanted, Visitor visitor) throws IOException, MalformedJson {
        try (InputStream in = Files.newInputStream(file)) {
            parse(in, wanted, visitor);
        }
    }

    static void parse(InputStream in, Set<Section> wanted, Visitor visitor) throws IOException, MalformedJson {
        String where = "$";
        try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJson(new Fault("$", "a case file is one JSON object"));
            }
            ObjectNode header = Json.MAPPER.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                where = "$." + key;
                JsonToken value = p.nextToken();
                Section section = Section.byKey(key);
                if (section == null) {
                    header.set(key, p.readValueAsTree());
                } else if (value != JsonToken.START_ARRAY) {
                    visitor.notAList(section);
                    p.skipChildren();
                } else if (!wanted.contains(section)) {
                    p.skipChildren();
                } else {
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        where = "$." + key + "[" + index + "]";
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            JsonNode node = p.readValueAsTree();
                            visitor.element(section, index, (ObjectNode) node);
                        } else {
                            p.skipChildren();
                            visitor.element(section, index, null);
                        }
                        index++;
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedJson(new Fault("$", "unexpected content after the case file's closing brace"));
            }
            visitor.header(header);
        } catch (JsonEOFException e) {
            throw new MalformedJson(new Fault(where, "the file ends unexpectedly at line " + e.getLocation().getLineNr()
                    + " (is it truncated?)"));
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
            var at = e.getLocation();
            throw new MalformedJson(new Fault(where, "malformed JSON at line " + (at == null ? "?" : at.getLineNr())
                    + ", column " + (at == null ? "?" : at.getColumnNr()) + ": " + reason));
        }
    }
}
