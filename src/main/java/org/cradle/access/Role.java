package org.cradle.access;

import java.util.Arrays;
import java.util.Locale;

/** What someone does, as the access policy needs to know it. */
public enum Role {
    SOCIAL_WORKER, HEALTH_VISITOR, MIDWIFE, POLICE_OFFICER, FOSTER_CARER, SAFEGUARDING_LEAD, CASE_REVIEWER,
    /** The command line: imports, exports and backtests over the whole store, each audited under a named operator. */
    SYSTEM_OPERATOR;

    /** {@code social-worker} and the like, as accounts spell them. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such role: " + code));
    }

    /** Practitioners may need to find a person by name to link records; a foster carer finds only the children in their care. */
    boolean linksRecords() {
        return this != FOSTER_CARER;
    }

    /**
     * Who decides whether two agencies' records are one person: practitioners who know people from their own work
     * (and the command line's operator). Not a foster carer, and not a case reviewer, who reads the record as it was.
     */
    public boolean decidesLinks() {
        return practitioner() || this == SYSTEM_OPERATOR;
    }

    /**
     * The practitioners of the agencies: they store their agencies' case files and work a child's plan. Not a foster
     * carer, and not a case reviewer, who reads the record as it was.
     */
    public boolean practitioner() {
        return this == SOCIAL_WORKER || this == HEALTH_VISITOR || this == MIDWIFE || this == POLICE_OFFICER || this == SAFEGUARDING_LEAD;
    }

    /** Who may send a child's record to another area, receive one and acknowledge it: social workers and safeguarding leads. */
    public boolean movesRecords() {
        return this == SOCIAL_WORKER || this == SAFEGUARDING_LEAD;
    }

    /**
     * Who leads a child's plan: starts it, sets its outcomes and who is in it, arranges, moves and records its
     * meetings. Children's social care does (Working Together): a social worker or a safeguarding lead.
     */
    public boolean leadsPlans() {
        return this == SOCIAL_WORKER || this == SAFEGUARDING_LEAD;
    }

    boolean health() {
        return this == HEALTH_VISITOR || this == MIDWIFE;
    }
}
