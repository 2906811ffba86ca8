package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cradle.casefile.Json;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's foster carer cannot see Baby S's mother's refuge address by any route: not by searching for it, not
 * through any person, chronology, page, export or alert in the store, and not after breaking glass on her record.
 * The health visitor given the right to it does see it, so the test would notice the address if it were shown.
 */
class RefugeAddressTest {

    /** The address line (the agency itself is called "Women's refuge in Stockport": a name, not an address). */
    static final String REFUGE = "in Stockport (address withheld)";

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("org.cradle.store.TestStores#both")
    void theFosterCarerCannotSeeTheRefugeAddressByAnyRoute(TestStores.TestStore store) throws Exception {
        try (var web = new TestServer(store)) {
            List<Long> everyone = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person ORDER BY id").mapTo(Long.class).list());
            long mother = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE document LIKE '%refuge%'").mapTo(Long.class).one());

            var fosterCarer = web.signedIn("fc.bucks");
            var answers = new ArrayList<String>();
            for (String q : List.of("refuge", "Stockport", "withheld", "mother", "S")) {
                answers.add(web.get(fosterCarer, "/api/people?q=" + q).body());
                answers.add(web.get(fosterCarer, "/?q=" + q).body());
            }
            answers.add(web.get(fosterCarer, "/api/alerts").body());
            readEverything(web, fosterCarer, everyone, answers);
            assertThat(answers).noneMatch(a -> a.contains(REFUGE));
            // Search finds her nobody outside the twins' case, and no one by the words of an address.
            assertThat(Json.read(web.get(fosterCarer, "/api/people?q=refuge").body()).get("people")).isEmpty();

            // Break-glass opens the mother's record, but not her address.
            var grant = web.postJsonAs("fc.bucks", "/api/people/" + mother + "/break-glass",
                    "{\"reason\": \"the mother rang the foster home in distress and asked for help\", \"hours\": 2}");
            assertThat(grant.statusCode()).isEqualTo(201);
            var afterGrant = new ArrayList<String>();
            readEverything(web, fosterCarer, everyone, afterGrant);
            assertThat(web.get(fosterCarer, "/api/people/" + mother + "/chronology").statusCode()).isEqualTo(200);
            assertThat(Json.read(web.get(fosterCarer, "/api/people/" + mother).body()).get("withheldAddresses").asInt()).isEqualTo(1);
            assertThat(afterGrant).noneMatch(a -> a.contains(REFUGE));

            // The health visitor who visits them there was given the right: the address is there to be seen.
            var healthVisitor = web.signedIn("hv.stockport");
            assertThat(web.get(healthVisitor, "/api/people/" + mother).body()).contains(REFUGE);
            assertThat(web.get(healthVisitor, "/api/people/" + mother + "/export").body()).contains(REFUGE);
        }
    }

    private static void readEverything(TestServer web, java.net.http.HttpClient browser, List<Long> everyone, List<String> answers) throws Exception {
        for (long id : everyone) {
            for (String path : List.of("/api/people/" + id, "/api/people/" + id + "/chronology", "/people/" + id,
                    "/api/people/" + id + "/export", "/api/alerts?person=" + id)) {
                answers.add(web.get(browser, path).body());
            }
        }
    }
}
