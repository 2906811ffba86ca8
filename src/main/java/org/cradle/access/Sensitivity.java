package org.cradle.access;

import java.util.EnumSet;
import java.util.Set;

/** Why an item of the record is shown to fewer people than the rest of it. */
public enum Sensitivity {
    /** Mental health, substance use, appointments: the health record. */
    HEALTH,
    /** Convictions, custody, offender registration. */
    CRIMINAL,
    /** Sealed (an adoption record, a court's direction): shown only with an explicit right. */
    SEALED,
    /** Where someone lives, perhaps in secret (a refuge, a hidden new home): the address parts are shown only with an explicit right. */
    CONFIDENTIAL_ADDRESS;

    private static final Set<String> HEALTH_TYPES = Set.of("health.concern", "health.appointment", "health.cp-medical");
    private static final Set<String> CRIMINAL_TYPES = Set.of("offender.registered", "custody.started", "custody.released",
            "custody.licence-ended");
    private static final Set<String> ADDRESS_TYPES = Set.of("housing.refuge-entered");

    /**
     * How sensitive an event is, from its type and what it carries.
     *
     * @param historyKind    the kind of a {@code history.recorded} event (criminal history is criminal detail), else null
     * @param sealed         the event is marked sealed ({@code x_sealed})
     * @param carriesAddress its details name an address or a postcode
     */
    public static Set<Sensitivity> ofEvent(String type, String historyKind, boolean sealed, boolean carriesAddress) {
        var out = EnumSet.noneOf(Sensitivity.class);
        if (HEALTH_TYPES.contains(type)) {
            out.add(HEALTH);
        }
        if (CRIMINAL_TYPES.contains(type) || "criminal-history".equals(historyKind)) {
            out.add(CRIMINAL);
        }
        if (sealed) {
            out.add(SEALED);
        }
        if (carriesAddress || ADDRESS_TYPES.contains(type)) {
            out.add(CONFIDENTIAL_ADDRESS);
        }
        return out;
    }
}
