package org.cradle.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** The server's HTML templates (src/main/jte), compiled at build time; output is escaped for HTML by default. */
final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Map<String, Object> model) {
        ctx.html(string(template, model));
    }

    String string(String template, Map<String, Object> model) {
        var out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }
}
