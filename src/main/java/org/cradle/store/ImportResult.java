package org.cradle.store;

import java.util.List;
import org.cradle.casefile.Fault;

/**
 * What storing one case file did.
 *
 * @param alreadyStored true when this very file had been stored before: nothing changed
 * @param eventsAdded   events new to the store
 * @param eventsKnown   events the store already held, unchanged (re-sent)
 * @param warnings      what was kept but is worth knowing (unknown keys, types outside the format's list)
 */
public record ImportResult(String file, long importId, boolean alreadyStored, int eventsAdded, int eventsKnown,
                           int peopleAdded, List<Fault> warnings) {
}
