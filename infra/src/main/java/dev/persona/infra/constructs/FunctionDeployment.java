package dev.persona.infra.constructs;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.FunctionDefinition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What every {@link JavaFunction} of a deployment shares: the Lambda jar, the environment values known
 * to the whole deployment (each function picks the ones it reads), and log settings. Constructs add the
 * values they own, such as the names of the tables they were given, with {@link #withEnvironment}.
 *
 * @param code             the Lambda deployment jar. Required
 * @param environment      environment values by variable name. Default none
 * @param logRetention     retention of every function's log group. Default one month
 * @param logRemovalPolicy what happens to log groups when they leave the stack. Default RETAIN
 */
public record FunctionDeployment(
        Code code,
        Map<String, String> environment,
        RetentionDays logRetention,
        RemovalPolicy logRemovalPolicy) {

    public FunctionDeployment {
        Objects.requireNonNull(code, "code");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        logRetention = logRetention == null ? RetentionDays.ONE_MONTH : logRetention;
        logRemovalPolicy = logRemovalPolicy == null ? RemovalPolicy.RETAIN : logRemovalPolicy;
    }

    /** This deployment with {@code values} added to (or replacing entries of) the environment. */
    public FunctionDeployment withEnvironment(Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(values);
        return new FunctionDeployment(code, merged, logRetention, logRemovalPolicy);
    }

    /** The props of one function of this deployment; SnapStart as {@link JavaFunction.Props} decides. */
    public JavaFunction.Props function(FunctionDefinition definition, int memorySize, Duration timeout,
            Size ephemeralStorage) {
        return new JavaFunction.Props(definition, code, environment, memorySize, timeout, ephemeralStorage,
                logRetention, logRemovalPolicy, null);
    }
}
