package org.cradle.store;

/** The store could not do what was asked (not the caller's input: the database's answer). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
