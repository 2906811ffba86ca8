package org.cradle.transfer;

/** A bundle or acknowledgement refused whole: nothing of it is stored. The message names the file and the fault; the reason says it in a word. */
public final class RefusedTransfer extends Exception {

    /** Why, as the receiving user is told first. */
    public enum Reason {
        TRUNCATED("it is cut short or not a bundle at all"),
        TAMPERED("it was altered after it was signed"),
        UNTRUSTED("it was signed by an installation this one does not trust"),
        INVALID("its content is not a valid record"),
        ALREADY_RECEIVED("it was received here before"),
        UNKNOWN_TRANSFER("no such transfer was sent from here");

        public final String words;

        Reason(String words) {
            this.words = words;
        }
    }

    private final Reason reason;

    public RefusedTransfer(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RefusedTransfer(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
