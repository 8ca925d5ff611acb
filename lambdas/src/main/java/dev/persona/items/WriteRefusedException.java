package dev.persona.items;

/** A conditional write DynamoDB refused, and why: what the API answers with 404, 412 or 409. */
public final class WriteRefusedException extends RuntimeException {

    /** Why the write was refused. */
    public enum Reason {
        /** There is no such item. */
        MISSING,
        /** The item is not at the revision the write was conditioned on. */
        STALE,
        /** An item with this key exists already. */
        EXISTS
    }

    private final Reason reason;

    public WriteRefusedException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
