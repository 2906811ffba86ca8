package org.cradle.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cradle.access.Account;
import org.cradle.access.Accounts;
import org.cradle.access.PasswordHash;
import org.cradle.store.Database;
import org.cradle.web.Services;
import org.cradle.web.WebServer;

/**
 * The web server over a store, and a browser-like client signed in to it through the sign-in form, timing GETs; the
 * user is the allocated worker of the child read, as the access policy requires.
 */
final class SignedInClient implements AutoCloseable {

    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    SignedInClient(Database db, String agency, long child) throws Exception {
        String password = UUID.randomUUID().toString();
        var accounts = new Accounts().add(new Account("bench", "Benchmark", "social-worker", agency), PasswordHash.of(password.toCharArray()));
        new org.cradle.store.CaseTeams(db, Clock.systemDefaultZone()).add(new org.cradle.store.CaseTeams.Member(child, "bench", agency,
                org.cradle.access.Relation.ALLOCATED_WORKER, false, false, "bench"), "bench");
        server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString()).body();
        var csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        String form = "csrf=" + csrf.group(1) + "&username=bench&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Times {@code reads} GETs of the path after a fifth as many warm-up reads; each must answer 200. */
    Latencies time(String path, int reads) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).build();
        var latencies = new Latencies(reads);
        for (int i = 0; i < reads / 5 + reads; i++) {
            long start = System.nanoTime();
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            if (i >= reads / 5) {
                latencies.add(elapsed);
            }
        }
        return latencies;
    }

    @Override
    public void close() {
        server.stop();
    }
}
