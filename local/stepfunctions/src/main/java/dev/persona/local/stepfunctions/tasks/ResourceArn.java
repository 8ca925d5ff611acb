package dev.persona.local.stepfunctions.tasks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state's Resource: an optimized service integration ({@code arn:aws:states:::lambda:invoke}, with an
 * optional {@code .sync} or {@code .waitForTaskToken} suffix), a Lambda function ARN, or an activity ARN.
 */
public record ResourceArn(String arn, Kind kind, String region, String service, String action,
                          IntegrationPattern pattern, String functionName) {

    public enum Kind {
        SERVICE_INTEGRATION, LAMBDA_FUNCTION, ACTIVITY
    }

    public enum IntegrationPattern {
        REQUEST_RESPONSE(""), RUN_JOB(".sync"), WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        IntegrationPattern(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    private static final Pattern SERVICE = Pattern.compile(
            "arn:[a-z-]+:states:[a-z0-9-]*:[0-9]*:([A-Za-z0-9-]+):([A-Za-z0-9]+)"
                    + "(\\.sync(?::2)?|\\.waitForTaskToken)?");
    private static final Pattern FUNCTION = Pattern.compile(
            "arn:[a-z-]+:lambda:([a-z0-9-]+):([0-9]{12}):function:([A-Za-z0-9_-]+)(:[A-Za-z0-9_$-]+)?");
    private static final Pattern ACTIVITY = Pattern.compile(
            "arn:[a-z-]+:states:([a-z0-9-]+):([0-9]{12}):activity:(.+)");

    public static Optional<ResourceArn> parse(String arn) {
        Matcher service = SERVICE.matcher(arn);
        if (service.matches()) {
            String suffix = service.group(3);
            IntegrationPattern pattern = suffix == null ? IntegrationPattern.REQUEST_RESPONSE
                    : suffix.startsWith(".sync") ? IntegrationPattern.RUN_JOB : IntegrationPattern.WAIT_FOR_TASK_TOKEN;
            return Optional.of(new ResourceArn(arn, Kind.SERVICE_INTEGRATION, null, service.group(1),
                    service.group(2), pattern, null));
        }
        Matcher function = FUNCTION.matcher(arn);
        if (function.matches()) {
            return Optional.of(new ResourceArn(arn, Kind.LAMBDA_FUNCTION, function.group(1), "lambda", null,
                    IntegrationPattern.REQUEST_RESPONSE, function.group(3)));
        }
        Matcher activity = ACTIVITY.matcher(arn);
        if (activity.matches()) {
            return Optional.of(new ResourceArn(arn, Kind.ACTIVITY, activity.group(1), "activity", null,
                    IntegrationPattern.REQUEST_RESPONSE, null));
        }
        return Optional.empty();
    }

    /** {@code resourceType} of task history events: the service name. */
    public String resourceType() {
        return service;
    }

    /**
     * {@code resource} of task history events: the action with its pattern suffix
     * ({@code invoke.waitForTaskToken}).
     */
    public String resourceName() {
        return kind == Kind.SERVICE_INTEGRATION ? action + pattern.suffix() : arn;
    }
}
