package org.cradle.rules;

/** How long a pattern waits or looks back: a fixed span ("90 days") or a partnership timescale by name. */
public record Window(Span fixed, String timescale) {

    static Window parse(String text) {
        String t = text.trim();
        if (t.matches("[a-z][a-z-]*")) {
            if (!Timescales.standard().knows(t)) {
                throw new IllegalArgumentException("no timescale called \"" + t + "\" in timescales.yaml, and not a length of time"
                        + " (write for example \"90 days\" or a timescale such as initial-conference)");
            }
            return new Window(null, t);
        }
        return new Window(Span.parse(t), null);
    }

    Span in(Timescales timescales, String area) {
        return fixed != null ? fixed : timescales.resolve(timescale, area);
    }

    @Override
    public String toString() {
        return fixed != null ? fixed.toString() : timescale;
    }
}
