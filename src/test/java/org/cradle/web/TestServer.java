package org.cradle.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Pattern;
import org.cradle.access.Accounts;
import org.cradle.casefile.Seeds;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;

/** The web application on a free port over a fresh store holding the five seed cases, and an HTTP client for it. */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "test-password";

    final TestStores.TestStore store;
    final Database db;
    final WebServer server;
    final String base;
    /** This installation's keys (trusting whatever the test put in trusted/ first) and where its transfers' files go. */
    final java.nio.file.Path keys;
    final java.nio.file.Path outbox;

    TestServer(TestStores.TestStore store) throws Exception {
        this(store, java.nio.file.Files.createTempDirectory("cradle-keys-"));
    }

    TestServer(TestStores.TestStore store, java.nio.file.Path keys) throws Exception {
        this(store, keys, Seeds.five());
    }

    /** Over the given seed cases only, with the installation's keys in {@code keys}. */
    TestServer(TestStores.TestStore store, java.nio.file.Path keys, java.util.List<java.nio.file.Path> seeds) throws Exception {
        this.store = store;
        this.keys = keys;
        this.outbox = java.nio.file.Files.createTempDirectory("cradle-outbox-");
        this.db = store.open();
        var importer = new Importer(db, Clock.systemDefaultZone());
        var engine = org.cradle.rules.StandardEngine.from(java.nio.file.Path.of("rules"));
        var alerts = new org.cradle.store.AlertStore(db, Clock.systemDefaultZone());
        for (var seed : seeds) {
            alerts.refreshImport(importer.importFile(seed, "test").importId(), engine);
        }
        new org.cradle.store.CaseTeams(db, Clock.systemDefaultZone()).place(org.cradle.access.TeamPlacement.demo(), "test");
        this.server = new WebServer(Services.of(db, Accounts.demo(PASSWORD), Clock.systemDefaultZone(), keys, outbox)).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** A client that keeps cookies and does not follow redirects, like a careful browser under test. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getAs(String user, String path) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJsonAs(String user, String path, String json) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(HttpClient client, String path, String... fields) throws IOException, InterruptedException {
        var form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs a browser in through the sign-in form, CSRF token and all. */
    HttpClient signedIn(String user) throws IOException, InterruptedException {
        HttpClient client = browser();
        var response = post(client, "/sign-in", "csrf", csrfOf(get(client, "/sign-in").body()), "username", user, "password", PASSWORD, "next", "/");
        if (response.statusCode() != 302) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode());
        }
        return client;
    }

    static String csrfOf(String html) {
        var m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    @Override
    public void close() {
        server.stop();
        db.close();
        store.close();
    }
}
