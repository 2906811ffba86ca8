package org.cradle.casefile;

/** One thing wrong with a case file, at a JSON path such as {@code $.events[12].occurred}. */
public record Fault(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
