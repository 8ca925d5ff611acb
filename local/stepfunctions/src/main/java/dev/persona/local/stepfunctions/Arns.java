package dev.persona.local.stepfunctions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs of the service's resources in one account and region, and how they are read back. */
final class Arns {

    private static final Pattern STATE_MACHINE = Pattern.compile(
            "arn:aws[a-z-]*:states:([a-z0-9-]+):([0-9]{12}):stateMachine:([^:]+)(?::([^:]+))?");
    private static final Pattern EXECUTION = Pattern.compile(
            "arn:aws[a-z-]*:states:([a-z0-9-]+):([0-9]{12}):(execution|express):([^:]+):([^:]+)(?::.*)?");

    private final String region;
    private final String accountId;

    Arns(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    String stateMachine(String name) {
        return prefix() + "stateMachine:" + name;
    }

    String execution(String machineName, String executionName) {
        return prefix() + "execution:" + machineName + ":" + executionName;
    }

    String expressExecution(String machineName, String executionName, String id) {
        return prefix() + "express:" + machineName + ":" + executionName + ":" + id;
    }

    private String prefix() {
        return "arn:aws:states:" + region + ":" + accountId + ":";
    }

    /**
     * A state machine ARN, possibly qualified: by a version number, an alias name, or (after a slash in the name)
     * a distributed Map's label.
     */
    record MachineArn(String name, String qualifier) {

        boolean isVersion() {
            return qualifier != null && qualifier.chars().allMatch(Character::isDigit);
        }

        boolean isAlias() {
            return qualifier != null && !isVersion();
        }

        boolean isMapLabel() {
            return name.contains("/");
        }
    }

    static Optional<MachineArn> stateMachine(String arn, String expectedRegion, String expectedAccount) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher matcher = STATE_MACHINE.matcher(arn);
        if (!matcher.matches() || !matcher.group(1).equals(expectedRegion)
                || !matcher.group(2).equals(expectedAccount)) {
            return Optional.empty();
        }
        return Optional.of(new MachineArn(matcher.group(3), matcher.group(4)));
    }

    Optional<MachineArn> parseStateMachine(String arn) {
        return stateMachine(arn, region, accountId);
    }

    /** True for the ARN of an EXPRESS execution, which the service does not keep. */
    static boolean isExpressExecution(String arn) {
        Matcher matcher = arn == null ? null : EXECUTION.matcher(arn);
        return matcher != null && matcher.matches() && matcher.group(3).equals("express");
    }
}
