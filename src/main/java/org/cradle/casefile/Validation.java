package org.cradle.casefile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The result of checking one case file whole.
 *
 * @param header          the top-level keys other than the lists (format, area, extensions)
 * @param faults          what makes the file invalid; empty when it may be stored
 * @param warnings        what is kept but worth knowing (unknown keys, types outside the list)
 * @param counts          elements per list
 * @param storeReferences ids this file refers to that must already be in the store (corrections of earlier events),
 *                        by the path that refers to them
 */
public record Validation(ObjectNode header, List<Fault> faults, List<Fault> warnings, Map<Section, Integer> counts,
                         Map<String, String> storeReferences) {

    public boolean ok() {
        return faults.isEmpty();
    }

    public int count(Section section) {
        return counts.getOrDefault(section, 0);
    }
}
