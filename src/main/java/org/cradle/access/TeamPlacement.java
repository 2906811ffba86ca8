package org.cradle.access;

import java.util.List;

/**
 * A place on a child's case team, named the way case files name people (area and the file's id for the child).
 *
 * @param username  the user, or null for everyone of the agency
 * @param agency    {@code AREA/LOCAL-ID}
 * @param addresses the explicit right to see the family's confidential addresses
 */
public record TeamPlacement(String username, String agency, Relation relation, String area, String child, boolean addresses) {

    /** The demo's case teams: each demo user on the seed cases they would work on (see README, "The demo"). */
    public static List<TeamPlacement> demo() {
        var bucks = "E10000002";
        var stockport = "E08000007";
        return List.of(
                new TeamPlacement("sw.bucks", bucks + "/csc", Relation.ALLOCATED_WORKER, bucks, "twin1", false),
                new TeamPlacement("sw.bucks", bucks + "/csc", Relation.ALLOCATED_WORKER, bucks, "twin2", false),
                new TeamPlacement("fc.bucks", bucks + "/foster-carers", Relation.CORE_GROUP, bucks, "twin1", false),
                new TeamPlacement("fc.bucks", bucks + "/foster-carers", Relation.CORE_GROUP, bucks, "twin2", false),
                new TeamPlacement(null, bucks + "/bht", Relation.INVOLVED_AGENCY, bucks, "twin1", false),
                new TeamPlacement(null, bucks + "/bht", Relation.INVOLVED_AGENCY, bucks, "twin2", false),
                // The health visitor visits Baby S and her mother where they live: she is given the refuge's address.
                new TeamPlacement("hv.stockport", stockport + "/stockport-hv", Relation.CORE_GROUP, stockport, "baby-s", true),
                new TeamPlacement(null, "E10000031/warks-police", Relation.INVOLVED_AGENCY, "E10000031", "child-j", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, bucks, "twin1", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, bucks, "twin2", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, stockport, "baby-s", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, stockport, "child-e", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, "E10000031", "child-j", false),
                new TeamPlacement("reviewer", "partnership", Relation.REVIEWER, "E99999903", "baby-o", false));
    }
}
