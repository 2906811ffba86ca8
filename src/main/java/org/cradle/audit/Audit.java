package org.cradle.audit;

/** Where reads and writes of a person's record are written down. */
public interface Audit {

    /**
     * Queues an entry. A read queues it once its access is decided and waits for it ({@link Pending#await()}) before
     * its answer goes out; entries queued by requests at the same time are committed together.
     */
    Pending append(AuditLog.Entry entry);

    /** Writes an entry and waits until it is durably in the trail. */
    default void record(AuditLog.Entry entry) {
        append(entry).await();
    }

    /** An entry on its way into the trail. */
    interface Pending {
        /** Returns once the entry is durably chained; throws when it could not be written (then the read must fail). */
        void await();
    }

    /** Writes nothing: only for measuring what the audit costs ({@code ./cradle bench audit}). */
    Audit OFF = entry -> () -> { };
}
