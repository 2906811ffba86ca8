package org.cradle.audit;

/** Where reads and writes of a person's record are written down. */
public interface Audit {

    void record(AuditLog.Entry entry);

    /** Writes nothing: only for measuring what the audit costs ({@code ./cradle bench audit}). */
    Audit OFF = entry -> { };
}
