package org.cradle.access;

/**
 * The one access policy: what someone may see of a person's record, decided from their role, their agency, where
 * they stand to the child's case and how sensitive the item is. It decides; the store's {@code RecordAccess} is
 * the one place that applies it, for every way in (API, pages, export, search, backtest).
 *
 * <ul>
 *   <li>A person's existence and name: to every practitioner (they may need to link records), and to anyone with a
 *       relation to the case. A foster carer finds only the children whose case they are part of.</li>
 *   <li>The detail (chronology, addresses, alerts, export): to those with a relation to the case (allocated worker,
 *       core-group member, involved agency, manager of either, reviewer, or break-glass access while it lasts).</li>
 *   <li>Health or criminal detail: to the agencies that knew it, to health practitioners (health) and the police
 *       (criminal), and to those who hold the whole picture (allocated worker, manager, reviewer). An item restricted
 *       to named agencies: to those agencies and the one that recorded it, nobody else.</li>
 *   <li>Sealed records and confidential addresses (and any detail that would give one away): only with an explicit
 *       right, whatever the role or relation.</li>
 * </ul>
 */
public final class AccessPolicy {

    /** How far into a person's record someone may see. */
    public enum Reach { NONE, NAME, DETAIL }

    /** Whether an item is shown, and if not, why (said to the user in place of the item). */
    public record Decision(boolean shown, String reason) {
        static final Decision SHOWN = new Decision(true, null);

        static Decision withheld(String reason) {
            return new Decision(false, reason);
        }
    }

    public Reach person(Actor actor, Standing standing) {
        if (actor.role() == Role.SYSTEM_OPERATOR || !standing.relations().isEmpty()) {
            return Reach.DETAIL;
        }
        return actor.role().linksRecords() ? Reach.NAME : Reach.NONE;
    }

    /** An item of a record the actor may see the detail of (see {@link #person}). */
    public Decision item(Actor actor, Standing standing, Item item) {
        if (item.sensitivities().contains(Sensitivity.SEALED) && !standing.sealed() && !actor.rights().contains(Right.SEALED_RECORDS)) {
            return Decision.withheld("sealed record");
        }
        if (actor.role() == Role.SYSTEM_OPERATOR) {
            return Decision.SHOWN;
        }
        boolean knew = actor.agency().equals(item.recordedBy()) || item.knownTo().contains(actor.agency());
        if (!item.restrictedTo().isEmpty()) {
            return actor.agency().equals(item.recordedBy()) || item.restrictedTo().contains(actor.agency())
                    ? Decision.SHOWN : Decision.withheld("restricted to named agencies");
        }
        boolean wholePicture = standing.relations().stream().anyMatch(Relation::holdsWholePicture);
        if (item.sensitivities().contains(Sensitivity.HEALTH) && !(knew || wholePicture || actor.role().health())) {
            return Decision.withheld("health detail, held by the agencies that know it");
        }
        if (item.sensitivities().contains(Sensitivity.CRIMINAL) && !(knew || wholePicture || actor.role() == Role.POLICE_OFFICER)) {
            return Decision.withheld("criminal detail, held by the agencies that know it");
        }
        return Decision.SHOWN;
    }

    /**
     * Whether the actor reviews the pairs of records that may be one person, and confirms, rejects or undoes links.
     * Each record of a pair is still shown only as far as {@link #person} lets the actor see it.
     */
    public boolean decidesLinks(Actor actor) {
        return actor.role().decidesLinks();
    }

    /**
     * Who looked at a person's record and why (a subject access request, or oversight): the safeguarding leads, whose
     * work that is, a case reviewer for the cases they review, and the command line's operator.
     */
    public boolean accessHistory(Actor actor, Standing standing) {
        return actor.role() == Role.SAFEGUARDING_LEAD || actor.role() == Role.SYSTEM_OPERATOR || standing.relations().contains(Relation.REVIEWER);
    }

    /** Confidential addresses (and anything that would give one away) only with the explicit right. */
    public boolean confidentialAddresses(Actor actor, Standing standing) {
        return standing.addresses() || actor.rights().contains(Right.CONFIDENTIAL_ADDRESSES);
    }
}
