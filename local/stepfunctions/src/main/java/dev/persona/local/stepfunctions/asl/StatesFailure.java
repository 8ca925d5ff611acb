package dev.persona.local.stepfunctions.asl;

/**
 * A failure inside an execution, named as AWS names it. {@link #error()} and {@link #cause()} may be null, as
 * for a Fail state without Error or Cause. When {@link #describesState()} is true the cause is completed with
 * the state and the id of its entered event ("An error occurred while executing the state ...") by the
 * executor, which alone knows them.
 */
public class StatesFailure extends RuntimeException {

    private final String error;
    private final String cause;
    private final boolean describesState;

    public StatesFailure(String error, String cause) {
        this(error, cause, false);
    }

    private StatesFailure(String error, String cause, boolean describesState) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.describesState = describesState;
    }

    public static StatesFailure of(StatesError error, String cause) {
        return new StatesFailure(error.errorName(), cause, false);
    }

    /** A failure whose cause AWS prefixes with the state name and its entered event id. */
    public static StatesFailure inState(StatesError error, String detail) {
        return new StatesFailure(error.errorName(), detail, true);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public boolean describesState() {
        return describesState;
    }

    /** This failure with the state description in front of its cause. */
    public StatesFailure describedFor(String stateName, long enteredEventId) {
        if (!describesState) {
            return this;
        }
        return new StatesFailure(error, "An error occurred while executing the state '" + stateName
                + "' (entered at the event id #" + enteredEventId + "). " + cause, false);
    }
}
