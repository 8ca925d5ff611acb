package dev.persona.local.stepfunctions.asl.exec;

/**
 * Why a lane stops without a States error: it was abandoned (the execution stopped, a sibling branch or iteration
 * failed) or the execution timed out.
 */
final class Interruption extends RuntimeException {

    static final Interruption ABANDONED = new Interruption("abandoned");
    static final Interruption TIMED_OUT = new Interruption("timed out");

    private Interruption(String reason) {
        super(reason, null, false, false);
    }
}
