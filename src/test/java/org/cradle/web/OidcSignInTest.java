package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cradle.access.Accounts;
import org.cradle.store.Database;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in with OpenID Connect against a small provider run inside the test: discovery, the authorisation
 * redirect, the code exchanged with PKCE and the client's secret, the ID token's signature and nonce checked.
 */
class OidcSignInTest {

    static TestStores.TestStore store;
    static Database db;
    static Javalin provider;
    static WebServer server;
    static String base;
    static RSAKey key;
    static RSAKey otherKey;
    static volatile boolean signWithOtherKey;
    static volatile String role = "social-worker";
    static final Map<String, String[]> codes = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        provider = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/.well-known/openid-configuration", ctx -> ctx.contentType("application/json").result("""
                    {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token", "jwks_uri": "%1$s/jwks",
                     "response_types_supported": ["code"], "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}"""
                    .formatted(issuer())));
            config.routes.get("/jwks", ctx -> ctx.contentType("application/json").result(new JWKSet(key.toPublicJWK()).toString()));
            config.routes.get("/authorize", ctx -> {
                // The user signs in at the provider; it sends them back with a one-time code.
                String code = "code-" + System.nanoTime();
                codes.put(code, new String[] {ctx.queryParam("nonce"), ctx.queryParam("code_challenge"), ctx.queryParam("redirect_uri")});
                ctx.redirect(ctx.queryParam("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8));
            });
            config.routes.post("/token", ctx -> {
                String basic = new String(Base64.getDecoder().decode(ctx.header("Authorization").substring(6)), StandardCharsets.UTF_8);
                String[] issued = codes.remove(ctx.formParam("code"));
                boolean pkce = issued != null && CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(ctx.formParam("code_verifier")))
                        .getValue().equals(issued[1]);
                if (!basic.equals("cradle:client-secret") || issued == null || !pkce) {
                    ctx.status(400).contentType("application/json").result("{\"error\": \"invalid_grant\", \"error_description\": \"refused\"}");
                    return;
                }
                var claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("u-123").audience("cradle")
                        .expirationTime(new Date(System.currentTimeMillis() + 300_000)).issueTime(new Date()).claim("nonce", issued[0])
                        .claim("preferred_username", "jo.social").claim("name", "Jo Social").claim("cradle_role", role)
                        .claim("cradle_agency", "E10000002/csc").build();
                var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
                jwt.sign(new RSASSASigner(signWithOtherKey ? otherKey : key));
                ctx.contentType("application/json").result("{\"access_token\": \"at\", \"token_type\": \"Bearer\", \"id_token\": \"" + jwt.serialize() + "\"}");
            });
        }).start("127.0.0.1", 0);
        store = TestStores.h2();
        db = store.open();
        var services = Services.of(db, Accounts.demo(TestServer.PASSWORD), Clock.systemDefaultZone());
        // The service's own port is needed in its redirect address: start on a free port found first.
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        server = new WebServer(services, OidcSignIn.Config.from(Map.of("CRADLE_OIDC_ISSUER", issuer(), "CRADLE_OIDC_CLIENT_ID", "cradle",
                "CRADLE_OIDC_CLIENT_SECRET", "client-secret", "CRADLE_OIDC_REDIRECT_URI", base + "/sign-in/oidc/callback"))).start("127.0.0.1", port);
    }

    static String issuer() {
        return "http://127.0.0.1:" + provider.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        provider.stop();
        db.close();
        store.close();
    }

    /** Follows redirects by hand, between the service and the provider, keeping the service's cookies. */
    private static HttpResponse<String> follow(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 6 && response.statusCode() == 302; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = client.send(HttpRequest.newBuilder(URI.create(location.startsWith("/") ? base + location : location)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    @Test
    void signingInThroughTheProviderOpensOnlyItsTwoRoutesBesideTheOthersOpenToAll() {
        // WebServerTest walks every route of a server without the provider; these are the only routes it adds.
        assertThat(server.routes()).filteredOn(r -> r.access() == Routes.Access.PUBLIC)
                .extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder("GET /sign-in", "POST /sign-in", "GET /sign-in/oidc", "GET /sign-in/oidc/callback",
                        "GET /assets/cradle.css", "GET /assets/cradle.js", "GET /assets/govuk-frontend.min.css", "GET /assets/govuk-frontend.min.js");
    }

    @Test
    void aPractitionerSignsInThroughTheProviderWithTheRoleAndAgencyItGives() throws Exception {
        signWithOtherKey = false;
        HttpClient browser = TestServer.browser();
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("Sign in with your organisation");
        var page = follow(browser, base + "/sign-in/oidc?next=%2Falerts");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/alerts");
        assertThat(page.body()).contains("Jo Social, social worker");
    }

    @Test
    void anIdTokenSignedByAnyoneButTheProviderIsRefused() throws Exception {
        signWithOtherKey = true;
        try {
            var page = follow(TestServer.browser(), base + "/sign-in/oidc");
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).contains("could not be verified").doesNotContain("Exception");
        } finally {
            signWithOtherKey = false;
        }
    }

    @Test
    void aCallbackThatThisServiceDidNotStartIsRefused() throws Exception {
        HttpClient browser = TestServer.browser();
        follow(browser, base + "/sign-in");
        var forged = browser.send(HttpRequest.newBuilder(URI.create(base + "/sign-in/oidc/callback?code=x&state=forged")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(follow(browser, base + "/").body()).contains("Sign in").doesNotContain("Sign out");
    }

    @Test
    void configurationIsAllOrNothing() {
        assertThat(OidcSignIn.Config.from(Map.of())).isEqualTo(Optional.empty());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OidcSignIn.Config.from(Map.of("CRADLE_OIDC_ISSUER", "https://id.example")))
                .hasMessageContaining("CRADLE_OIDC_CLIENT_ID");
    }
}
