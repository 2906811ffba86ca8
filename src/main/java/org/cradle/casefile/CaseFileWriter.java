package org.cradle.casefile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a case file one element per line, streaming: each element is written as the document it was received as,
 * so unknown details and x_ keys survive a round trip.
 */
public final class CaseFileWriter implements AutoCloseable {

    private final Writer out;
    private Section open;
    private boolean first;

    /** Starts the file with its header: format, area and any top-level x_ keys, in their order. */
    public CaseFileWriter(Writer out, ObjectNode header) throws IOException {
        this.out = out;
        ObjectNode head = header.deepCopy();
        head.put("format", "casefile/1");
        out.write("{");
        boolean firstKey = true;
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = head.fields(); it.hasNext(); ) {
            var field = it.next();
            out.write(firstKey ? "\n  " : ",\n  ");
            out.write(Json.write(field.getKey()) + ": " + Json.write(field.getValue()));
            firstKey = false;
        }
    }

    /** Writes one element (its JSON document) into the given list; lists must come in the format's order. */
    public void write(Section section, String document) throws IOException {
        openSection(section);
        out.write(first ? "\n    " : ",\n    ");
        out.write(document);
        first = false;
    }

    private void openSection(Section section) throws IOException {
        if (open == section) {
            return;
        }
        if (open != null && section.ordinal() < open.ordinal()) {
            throw new IllegalStateException(section.key() + " written after " + open.key());
        }
        for (Section s : Section.values()) {
            if ((open == null || s.ordinal() > open.ordinal()) && s.ordinal() <= section.ordinal()) {
                closeSection();
                out.write(",\n  \"" + s.key() + "\": [");
                open = s;
                first = true;
            }
        }
    }

    private void closeSection() throws IOException {
        if (open != null) {
            out.write(first ? "]" : "\n  ]");
        }
    }

    @Override
    public void close() throws IOException {
        openSection(Section.EVENTS);
        closeSection();
        out.write("\n}\n");
        out.flush();
    }
}
