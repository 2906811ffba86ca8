package org.cradle.rules;

/** A rule file that cannot be used, with the file, line and reason. */
public class InvalidRuleException extends Exception {

    public InvalidRuleException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
