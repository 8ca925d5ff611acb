package dev.persona.infra.constructs;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One function of {@code LambdaFunctions}, deployed from the shared Lambda jar: Java 21 on arm64, its
 * handler and description from the definition, X-Ray tracing, its own log group with a retention, and
 * a published version (SnapStart on it) reached through the {@value #ALIAS_NAME} alias, which every
 * caller (API Gateway, the state machine) invokes.
 *
 * <p>SnapStart is on unless the function needs more than 512 MiB of {@code /tmp}, which Lambda does not
 * allow together with SnapStart.
 *
 * <p>The environment holds exactly the variables the definition says the function reads and the
 * deployment provides: the props carry one shared map of values and each function takes its own.
 * The role starts empty but for what CDK adds for tracing; {@code ModelPermissions} grants the rest, writing to
 * the function's own log group included, from the permission model.
 */
public final class JavaFunction extends Construct implements IGrantable {

    public static final String ALIAS_NAME = LambdaFunctions.ALIAS_NAME;
    static final int SNAP_START_LARGEST_STORAGE_MIB = 512;

    private final FunctionDefinition definition;
    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;

    /**
     * @param definition       the function's id, handler, description and the variables it reads. Required
     * @param code             the Lambda deployment jar. Required
     * @param environment      values of environment variables the deployment provides, by name; the
     *                         function gets those its definition lists. Default none
     * @param memorySize       memory in MB (CPU scales with it). Default 1024
     * @param timeout          longest run. Default 30 seconds
     * @param ephemeralStorage size of {@code /tmp}. Default 512 MiB
     * @param logRetention     retention of the function's log group. Default one month
     * @param logRemovalPolicy what happens to the log group when it leaves the stack. Default RETAIN
     * @param snapStart        SnapStart on published versions. Default on when {@code /tmp} is at most
     *                         512 MiB; Lambda offers SnapStart only up to that size, so larger storage
     *                         turns it off
     */
    public record Props(
            FunctionDefinition definition,
            Code code,
            Map<String, String> environment,
            Integer memorySize,
            Duration timeout,
            Size ephemeralStorage,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy,
            Boolean snapStart) {

        public Props {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(code, "code");
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            memorySize = memorySize == null ? 1024 : memorySize;
            timeout = timeout == null ? Duration.seconds(30) : timeout;
            ephemeralStorage = ephemeralStorage == null ? Size.mebibytes(512) : ephemeralStorage;
            logRetention = logRetention == null ? RetentionDays.ONE_MONTH : logRetention;
            logRemovalPolicy = logRemovalPolicy == null ? RemovalPolicy.RETAIN : logRemovalPolicy;
            boolean snapStartPossible = ephemeralStorage.toMebibytes().doubleValue() <= SNAP_START_LARGEST_STORAGE_MIB;
            if (snapStart != null && snapStart && !snapStartPossible) {
                throw new IllegalArgumentException("SnapStart needs ephemeral storage of at most "
                        + SNAP_START_LARGEST_STORAGE_MIB + " MiB: " + definition.id());
            }
            snapStart = snapStart == null ? snapStartPossible : snapStart;
        }
    }

    public JavaFunction(Construct scope, String id, Props props) {
        super(scope, id);
        definition = props.definition();
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                .removalPolicy(props.logRemovalPolicy())
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + definition.id() + " function")
                .build();

        Map<String, String> environment = new TreeMap<>();
        for (String variable : definition.environmentVariables()) {
            String value = props.environment().get(variable);
            if (value != null) {
                environment.put(variable, value);
            }
        }
        function = Function.Builder.create(this, "Function")
                .description(definition.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(definition.handler())
                .code(props.code())
                .memorySize(props.memorySize())
                .timeout(props.timeout())
                .ephemeralStorageSize(props.ephemeralStorage())
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .tracing(Tracing.ACTIVE)
                .snapStart(props.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .build();
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        if (props.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Every deployment publishes a version (currentVersion) and moves the alias to it.");
        }

        NagAcknowledgements.acknowledge(function, "L1", "The handlers are compiled for Java 21 "
                + "(maven.compiler.release), a supported LTS runtime with SnapStart; the runtime moves to the "
                + "next LTS together with the build's release level, not ahead of it.");
        NagAcknowledgements.acknowledgeWildcards(role, "X-Ray's PutTraceSegments and PutTelemetryRecords "
                + "support no resource-level permissions; tracing needs them on *.", "Resource::*");
    }

    /**
     * Sets a variable whose value only exists once the function does (such as a role that trusts it).
     * Fails for a variable the definition does not list: the function would never read it.
     */
    public void addEnvironment(String variable, String value) {
        if (!definition.environmentVariables().contains(variable)) {
            throw new IllegalArgumentException(definition.id() + " does not read " + variable);
        }
        function.addEnvironment(variable, value);
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** The function itself, for its metrics; invoke {@link #alias()} instead. */
    public IFunction function() {
        return function;
    }

    /** The alias on the latest published version: what callers invoke. */
    public Alias alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }

    /** The function's own log group, the only one its role may write to. */
    public LogGroup logGroup() {
        return logGroup;
    }

    @Override
    public IPrincipal getGrantPrincipal() {
        return role;
    }
}
