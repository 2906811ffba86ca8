package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cradle.access.Account;
import org.cradle.access.Accounts;
import org.cradle.access.Relation;
import org.cradle.casefile.Json;
import org.cradle.store.CaseTeams;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access matrix: every demo role, in every relation to a child's case, reading through every way in (API search,
 * person, chronology and export; the search and chronology pages), over a family with one item of each sensitivity
 * (src/test/resources/org/cradle/access/sensitive.casefile.json). The expectations below are the rules
 * written out independently of the policy; every cell is listed in target/access-matrix-*.txt.
 */
class AccessMatrixTest {

    /** The marker each item's summary starts with, and the confidential address's parts. */
    static final List<String> ITEMS = List.of("ORDINARY", "HEALTH-UNSHARED", "HEALTH-SHARED", "CRIMINAL", "SEALED", "RESTRICTED", "ADDRESS");
    static final List<String> SECRETS = List.of("7 Quiet Lane", "HP9 9ZZ");

    /** A cell's relation: none, one of the policy's relations, or a core-group place with the explicit right to addresses. */
    enum Cell { NONE, ALLOCATED_WORKER, CORE_GROUP, INVOLVED_AGENCY, MANAGER, REVIEWER, CORE_GROUP_WITH_ADDRESSES, BREAK_GLASS }

    enum Reach { NONE, NAME, DETAIL }

    static Reach expectedReach(Account user, Cell cell) {
        boolean related = switch (cell) {
            case NONE -> false;
            case MANAGER -> user.role().equals("safeguarding-lead");
            default -> true;
        };
        return related ? Reach.DETAIL : user.role().equals("foster-carer") ? Reach.NONE : Reach.NAME;
    }

    /** Which items a user with the detail sees (by the issue: health and criminal to those who hold them, and so on). */
    static Set<String> expectedItems(Account user, Cell cell) {
        var seen = new TreeSet<String>();
        if (expectedReach(user, cell) != Reach.DETAIL) {
            return seen;
        }
        boolean whole = cell == Cell.ALLOCATED_WORKER || cell == Cell.MANAGER || cell == Cell.REVIEWER;
        boolean bht = user.agency().equals("E10000002/bht");
        boolean health = user.role().equals("health-visitor") || user.role().equals("midwife");
        seen.add("ORDINARY");
        seen.add("ADDRESS");
        if (whole || health) {
            seen.add("HEALTH-UNSHARED");
        }
        if (whole || health || bht) {
            seen.add("HEALTH-SHARED");
        }
        if (whole || user.role().equals("police-officer")) {
            seen.add("CRIMINAL");
        }
        if (bht) {
            seen.add("RESTRICTED");
        }
        return seen;
    }

    // The server drops the store when it closes: JUnit must not close it a second time.
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("org.cradle.store.TestStores#both")
    void noCellLeaks(TestStores.TestStore store) throws Exception {
        try (var web = new TestServer(store)) {
            new Importer(web.db, Clock.systemDefaultZone()).importFile(Path.of("src/test/resources/org/cradle/access/sensitive.casefile.json"), "test");
            long kit = Json.read(web.getAs("sw.bucks", "/api/people?q=kit+quillon").body()).get("people").get(0).get("id").asLong();
            var teams = new CaseTeams(web.db, Clock.systemDefaultZone());
            var listing = new ArrayList<String>();
            var leaks = new ArrayList<String>();
            for (Account user : Accounts.demo("x").all()) {
                var browser = web.signedIn(user.username());
                for (Cell cell : Cell.values()) {
                    List<CaseTeams.Member> placed = place(teams, kit, user, cell);
                    if (cell == Cell.BREAK_GLASS) {
                        assertThat(web.postJsonAs(user.username(), "/api/people/" + kit + "/break-glass",
                                "{\"reason\": \"matrix test: urgent call about the child out of hours\", \"hours\": 1}").statusCode()).isEqualTo(201);
                    }
                    for (var way : ways(web, browser, kit).entrySet()) {
                        var answer = way.getValue();
                        var seen = new TreeSet<String>();
                        ITEMS.stream().filter(i -> answer.body().contains(i + ":")).forEach(seen::add);
                        boolean secret = SECRETS.stream().anyMatch(answer.body()::contains);
                        boolean named = answer.body().contains("Kit Quillon") || answer.body().contains("\"Kit\"");
                        Reach reach = expectedReach(user, cell);
                        // Search results and the person carry no events; the chronology (API and page) and the export do.
                        var expected = way.getKey().startsWith("search") || way.getKey().equals("api person") ? Set.<String>of() : expectedItems(user, cell);
                        boolean secretAllowed = cell == Cell.CORE_GROUP_WITH_ADDRESSES && !way.getKey().startsWith("search");
                        listing.add(String.format("%-12s %-18s %-26s %-16s %3d  name %-3s  items %-60s  address %s", user.username(), user.role(),
                                cell.name().toLowerCase().replace('_', '-'), way.getKey(), answer.statusCode(), named ? "yes" : "no", seen,
                                secret ? "SHOWN" : "withheld"));
                        if (!seen.equals(expected)) {
                            leaks.add(user.username() + " " + cell + " " + way.getKey() + ": saw " + seen + ", expected " + expected);
                        }
                        if (secret && !secretAllowed) {
                            leaks.add(user.username() + " " + cell + " " + way.getKey() + ": the confidential address");
                        }
                        if (way.getKey().startsWith("search") && named != (reach != Reach.NONE)) {
                            leaks.add(user.username() + " " + cell + " " + way.getKey() + ": name " + (named ? "shown" : "not found"));
                        }
                        if (!way.getKey().startsWith("search")) {
                            int status = reach == Reach.DETAIL ? 200 : reach == Reach.NAME && !way.getKey().equals("api person") ? 403 : reach == Reach.NAME ? 200 : 404;
                            if (answer.statusCode() != status) {
                                leaks.add(user.username() + " " + cell + " " + way.getKey() + ": status " + answer.statusCode() + ", expected " + status);
                            }
                        }
                    }
                    placed.forEach(teams::end);
                }
            }
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "access-matrix-" + store.name().replace(' ', '-') + ".txt"), listing);
            assertThat(listing).hasSize(Accounts.demo("x").all().size() * Cell.values().length * 6);
            assertThat(leaks).isEmpty();
        }
    }

    private static List<CaseTeams.Member> place(CaseTeams teams, long kit, Account user, Cell cell) {
        var members = switch (cell) {
            case NONE, BREAK_GLASS -> List.<CaseTeams.Member>of();
            case ALLOCATED_WORKER, CORE_GROUP, REVIEWER -> List.of(new CaseTeams.Member(kit, user.username(), user.agency(),
                    Relation.valueOf(cell.name()), false, false, "test"));
            case CORE_GROUP_WITH_ADDRESSES -> List.of(new CaseTeams.Member(kit, user.username(), user.agency(), Relation.CORE_GROUP, true, false, "test"));
            case INVOLVED_AGENCY -> List.of(new CaseTeams.Member(kit, null, user.agency(), Relation.INVOLVED_AGENCY, false, false, "test"));
            // A colleague of the same agency is allocated: the user is their manager only if they are a safeguarding lead.
            case MANAGER -> List.of(new CaseTeams.Member(kit, "colleague-of-" + user.username(), user.agency(), Relation.ALLOCATED_WORKER,
                    false, false, "test"));
        };
        members.forEach(m -> teams.add(m, "test"));
        return members;
    }

    /** Every way in, as the user signed in to this browser. */
    private static Map<String, java.net.http.HttpResponse<String>> ways(TestServer web, java.net.http.HttpClient browser, long kit) throws Exception {
        var out = new LinkedHashMap<String, java.net.http.HttpResponse<String>>();
        out.put("search api", web.get(browser, "/api/people?q=quillon"));
        out.put("search page", web.get(browser, "/?q=quillon"));
        out.put("api person", web.get(browser, "/api/people/" + kit));
        out.put("api chronology", web.get(browser, "/api/people/" + kit + "/chronology"));
        out.put("chronology page", web.get(browser, "/people/" + kit));
        out.put("export", web.get(browser, "/api/people/" + kit + "/export"));
        return out;
    }
}
