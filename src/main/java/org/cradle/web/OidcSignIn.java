package org.cradle.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.cradle.access.Account;
import org.cradle.audit.AuditLog;

/**
 * Signing in through the organisation's identity provider with OpenID Connect (authorisation code flow with PKCE,
 * state and nonce checked, the ID token's signature, issuer, audience and expiry validated): any standard provider,
 * set by configuration only. The provider says who the person is; two claims say their Cradle role and agency.
 */
final class OidcSignIn {

    /**
     * @param issuer      the provider (its discovery document is at ISSUER/.well-known/openid-configuration)
     * @param redirectUri this service's callback as the provider knows it: https://HOST/sign-in/oidc/callback
     * @param roleClaim   the ID token claim with the person's Cradle role (social-worker, health-visitor...)
     * @param agencyClaim the claim with their agency as AREA/LOCAL-ID
     */
    record Config(String issuer, String clientId, String clientSecret, String redirectUri, String roleClaim, String agencyClaim) {

        /** From CRADLE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI (and optionally _ROLE_CLAIM, _AGENCY_CLAIM); empty when not set. */
        static Optional<Config> from(Map<String, String> env) {
            String issuer = env.get("CRADLE_OIDC_ISSUER");
            if (issuer == null || issuer.isBlank()) {
                return Optional.empty();
            }
            for (String required : new String[] {"CRADLE_OIDC_CLIENT_ID", "CRADLE_OIDC_CLIENT_SECRET", "CRADLE_OIDC_REDIRECT_URI"}) {
                if (env.getOrDefault(required, "").isBlank()) {
                    throw new IllegalArgumentException("CRADLE_OIDC_ISSUER is set, so " + required + " must be too");
                }
            }
            return Optional.of(new Config(issuer, env.get("CRADLE_OIDC_CLIENT_ID"), env.get("CRADLE_OIDC_CLIENT_SECRET"),
                    env.get("CRADLE_OIDC_REDIRECT_URI"), env.getOrDefault("CRADLE_OIDC_ROLE_CLAIM", "cradle_role"),
                    env.getOrDefault("CRADLE_OIDC_AGENCY_CLAIM", "cradle_agency")));
        }
    }

    private static final String STATE = "oidc-state";
    private static final String NONCE = "oidc-nonce";
    private static final String VERIFIER = "oidc-verifier";
    private static final String NEXT = "oidc-next";

    private final Config config;
    private final Services services;
    private volatile OIDCProviderMetadata provider;

    OidcSignIn(Config config, Services services) {
        this.config = config;
        this.services = services;
    }

    void register(Routes routes) {
        routes.get("/sign-in/oidc", Routes.Access.PUBLIC, this::start)
                .get("/sign-in/oidc/callback", Routes.Access.PUBLIC, this::callback);
    }

    /** The provider's endpoints, read from its discovery document once, when first needed. */
    private OIDCProviderMetadata provider() throws Exception {
        if (provider == null) {
            provider = OIDCProviderMetadata.resolve(new Issuer(config.issuer()));
        }
        return provider;
    }

    private void start(Context ctx) throws Exception {
        var state = new State();
        var nonce = new Nonce();
        var verifier = new CodeVerifier();
        HttpSession session = ctx.req().getSession(true);
        session.setAttribute(STATE, state.getValue());
        session.setAttribute(NONCE, nonce.getValue());
        session.setAttribute(VERIFIER, verifier.getValue());
        session.setAttribute(NEXT, SignIn.safeNext(ctx.queryParam("next")));
        var request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"), new ClientID(config.clientId()),
                URI.create(config.redirectUri()))
                .endpointURI(provider().getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        ctx.redirect(request.toURI().toString());
    }

    private void callback(Context ctx) throws Exception {
        HttpSession session = ctx.req().getSession(false);
        if (session == null || session.getAttribute(STATE) == null) {
            throw new SignIn.Forbidden("the sign-in has expired: go back and sign in again");
        }
        String expectedState = (String) session.getAttribute(STATE);
        var nonce = new Nonce((String) session.getAttribute(NONCE));
        var verifier = new CodeVerifier((String) session.getAttribute(VERIFIER));
        String next = (String) session.getAttribute(NEXT);
        session.removeAttribute(STATE);
        var response = AuthenticationResponseParser.parse(URI.create(config.redirectUri() + "?" + (ctx.queryString() == null ? "" : ctx.queryString())));
        if (!response.indicatesSuccess()) {
            throw new SignIn.Forbidden("the identity provider did not sign you in: " + response.toErrorResponse().getErrorObject().getDescription());
        }
        var success = response.toSuccessResponse();
        if (success.getState() == null || !success.getState().getValue().equals(expectedState)) {
            throw new SignIn.Forbidden("the sign-in did not come from this service: go back and sign in again");
        }
        AuthorizationCode code = success.getAuthorizationCode();
        var token = new TokenRequest(provider().getTokenEndpointURI(), new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                new AuthorizationCodeGrant(code, URI.create(config.redirectUri()), verifier));
        var tokenResponse = OIDCTokenResponseParser.parse(token.toHTTPRequest().send());
        if (!tokenResponse.indicatesSuccess()) {
            throw new SignIn.Forbidden("the identity provider refused the sign-in: " + tokenResponse.toErrorResponse().getErrorObject().getDescription());
        }
        var idToken = ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens().getIDToken();
        var validator = new IDTokenValidator(new Issuer(config.issuer()), new ClientID(config.clientId()), JWSAlgorithm.RS256,
                provider().getJWKSetURI().toURL());
        com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, nonce);
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            audit(ctx, "?", "sign-in refused: ID token not valid (" + e.getMessage() + ")");
            throw new SignIn.Forbidden("the identity provider's answer could not be verified: sign in again");
        }
        String username = claims.getStringClaim("preferred_username") != null ? claims.getStringClaim("preferred_username") : claims.getSubject().getValue();
        String role = claims.getStringClaim(config.roleClaim());
        String agency = claims.getStringClaim(config.agencyClaim());
        if (role == null || agency == null) {
            audit(ctx, username, "sign-in refused: no role or agency");
            throw new SignIn.Forbidden("your account has no Cradle role or agency (claims " + config.roleClaim() + ", " + config.agencyClaim()
                    + "): ask your administrator");
        }
        String name = claims.getStringClaim("name") != null ? claims.getStringClaim("name") : username;
        ctx.req().changeSessionId();
        ctx.req().getSession().setAttribute(SignIn.ACCOUNT, new Account(username, name, role, agency));
        audit(ctx, username, "signed in (OpenID Connect)");
        ctx.redirect(next == null ? "/" : next);
    }

    private void audit(Context ctx, String who, String action) {
        services.audit().record(new AuditLog.Entry(who, action, null, null, ctx.ip(), null));
    }
}
