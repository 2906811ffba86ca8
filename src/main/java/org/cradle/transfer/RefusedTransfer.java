package org.cradle.transfer;

/** A bundle or acknowledgement refused whole: nothing of it is stored. The message names the file and the fault. */
public final class RefusedTransfer extends Exception {

    public RefusedTransfer(String message) {
        super(message);
    }

    public RefusedTransfer(String message, Throwable cause) {
        super(message, cause);
    }
}
