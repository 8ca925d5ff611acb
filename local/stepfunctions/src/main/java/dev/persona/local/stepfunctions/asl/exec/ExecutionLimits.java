package dev.persona.local.stepfunctions.asl.exec;

/**
 * AWS's limits as the interpreter enforces them: 256 KiB per state input, output and task result; 25,000
 * history events per execution.
 */
public record ExecutionLimits(long payloadBytes, int historyEvents) {

    public static final long AWS_PAYLOAD_BYTES = 262_144;
    public static final int AWS_HISTORY_EVENTS = 25_000;

    public static ExecutionLimits aws() {
        return new ExecutionLimits(AWS_PAYLOAD_BYTES, AWS_HISTORY_EVENTS);
    }
}
