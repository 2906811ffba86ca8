package org.cradle.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route the server answers, registered through here so that the full list is known: a test walks it and
 * proves that nothing but signing in is open without signing in.
 */
public final class Routes {

    /** Who may reach a route: anyone (only signing in and the stylesheet), or signed-in users. */
    public enum Access { PUBLIC, SIGNED_IN }

    public record Route(HandlerType method, String path, Access access) {
    }

    private final JavalinConfig config;
    private final List<Route> all = new ArrayList<>();

    Routes(JavalinConfig config) {
        this.config = config;
    }

    Routes get(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler);
    }

    Routes post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler);
    }

    private Routes add(HandlerType method, String path, Access access, Handler handler) {
        all.add(new Route(method, path, access));
        config.routes.addHttpHandler(method, path, handler);
        return this;
    }

    public List<Route> all() {
        return List.copyOf(all);
    }

    boolean isPublic(HandlerType method, String path) {
        return all.stream().anyMatch(r -> r.access() == Access.PUBLIC && r.method() == method && r.path().equals(path));
    }
}
