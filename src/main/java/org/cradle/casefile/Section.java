package org.cradle.casefile;

/** The lists of a case file, in the order the format gives them. */
public enum Section {
    AGENCIES("agencies"), PEOPLE("people"), RELATIONSHIPS("relationships"), EVENTS("events");

    private final String key;

    Section(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    static Section byKey(String key) {
        for (Section s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
