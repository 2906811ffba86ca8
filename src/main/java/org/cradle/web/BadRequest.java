package org.cradle.web;

/** A request the user can correct: says which parameter is wrong and why. */
final class BadRequest extends RuntimeException {

    private final String parameter;

    BadRequest(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
