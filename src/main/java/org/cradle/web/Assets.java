package org.cradle.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The stylesheets and scripts, served from this server (the Content-Security-Policy allows nothing else): the GOV.UK
 * Design System's compiled CSS and JavaScript from its npm package (as a WebJar), and Cradle's own few additions.
 *
 * <p>The GOV.UK typeface (GDS Transport) is for GOV.UK services only: its {@code @font-face} rules are taken out of
 * the stylesheet and every font stack starts at Arial, so no font file is ever asked for.
 */
final class Assets {

    private static final String WEBJAR = "META-INF/resources/webjars/govuk-frontend/";

    final String govukVersion;
    private final byte[] govukCss;
    private final byte[] govukJs;
    private final byte[] cradleCss;
    private final byte[] cradleJs;

    Assets() {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        govukVersion = pom.getProperty("version");
        String dist = WEBJAR + govukVersion + "/dist/govuk/";
        govukCss = withoutGovukTypeface(new String(read(dist + "govuk-frontend.min.css"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        govukJs = read(dist + "govuk-frontend.min.js");
        cradleCss = read("org/cradle/web/cradle.css");
        cradleJs = read("org/cradle/web/cradle.js");
    }

    void register(Routes routes) {
        routes.get("/assets/govuk-frontend.min.css", Routes.Access.PUBLIC, ctx -> serve(ctx, "text/css", govukCss))
                .get("/assets/govuk-frontend.min.js", Routes.Access.PUBLIC, ctx -> serve(ctx, "text/javascript", govukJs))
                .get("/assets/cradle.css", Routes.Access.PUBLIC, ctx -> serve(ctx, "text/css", cradleCss))
                .get("/assets/cradle.js", Routes.Access.PUBLIC, ctx -> serve(ctx, "text/javascript", cradleJs));
    }

    /** The stylesheet with GDS Transport's font faces removed and Arial first in every font stack. */
    static String withoutGovukTypeface(String css) {
        return css.replaceAll("@font-face\\{font-family:GDS Transport;[^}]*}", "")
                .replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
                .replace("font-family:GDS Transport", "font-family:arial");
    }

    private static void serve(Context ctx, String type, byte[] body) {
        ctx.contentType(type + "; charset=utf-8").header("Cache-Control", "public, max-age=3600").result(body);
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing from the build: " + path);
        }
        return in;
    }
}
