package dev.persona.local.stepfunctions.tasks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.persona.local.stepfunctions.asl.states.ItemReader;
import dev.persona.local.stepfunctions.asl.states.ResultWriter;
import dev.persona.local.stepfunctions.tasks.dynamodb.DynamoDbResource;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionResource;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeAuthorizer;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeResource;

/**
 * Maps Task resources to their local implementations: {@code lambda:invoke} (also {@code .waitForTaskToken}) and
 * Lambda function ARNs run the registered {@link LambdaFunctions} once the authorizer allows the role; the
 * DynamoDB item integrations call DynamoDB with the clients of the execution's role; any other ARN can be given an
 * implementation with {@link #register}. It also says whether the S3 resources of distributed Maps (ItemReader,
 * ResultWriter) can run.
 */
public final class TaskResourceRegistry implements TaskResources {

    private static final String SUPPORTED = "supported are lambda:invoke (also .waitForTaskToken), Lambda function "
            + "ARNs and dynamodb:getItem, putItem, updateItem and deleteItem";

    private final Map<String, TaskResource> registered = new ConcurrentHashMap<>();
    private final TaskResource lambdaInvoke;
    private final TaskResource lambdaFunction;
    private final TaskResource dynamoDb;
    private final IntegrationClientFactory clients;
    private final boolean s3;

    /**
     * @param clients   the clients of each role; null when the service has none
     * @param dynamoDb  whether the clients include DynamoDB (else DynamoDB resources are refused on load)
     * @param s3        whether they include S3 (else ItemReader and ResultWriter are refused on load)
     */
    public TaskResourceRegistry(LambdaFunctions functions, LambdaInvokeAuthorizer authorizer,
                                IntegrationClientFactory clients, boolean dynamoDb, boolean s3) {
        this.lambdaInvoke = new LambdaInvokeResource(functions, authorizer);
        this.lambdaFunction = new LambdaFunctionResource(functions, authorizer);
        this.clients = clients;
        this.dynamoDb = dynamoDb && clients != null ? new DynamoDbResource(clients) : null;
        this.s3 = s3 && clients != null;
    }

    /** Runs {@code resource} for Task states whose Resource is exactly {@code resourceArn}. */
    public void register(String resourceArn, TaskResource resource) {
        registered.put(resourceArn, resource);
    }

    /** The clients integrations call AWS with as {@code roleArn}. */
    public IntegrationClients clients(String roleArn) {
        return clients == null ? new IntegrationClients(null, null) : clients.forRole(roleArn);
    }

    @Override
    public TaskResource resolve(ResourceArn resource) {
        TaskResource custom = registered.get(resource.arn());
        if (custom != null) {
            return custom;
        }
        return switch (resource.kind()) {
            case LAMBDA_FUNCTION -> lambdaFunction;
            case ACTIVITY -> throw new UnsupportedResourceException("Activities are not supported by the local Step "
                    + "Functions: " + resource.arn());
            case SERVICE_INTEGRATION -> integration(resource);
        };
    }

    private TaskResource integration(ResourceArn resource) {
        boolean requestResponse = resource.pattern() == ResourceArn.IntegrationPattern.REQUEST_RESPONSE;
        if (resource.service().equals("lambda") && resource.action().equals("invoke")
                && resource.pattern() != ResourceArn.IntegrationPattern.RUN_JOB) {
            return lambdaInvoke;
        }
        if (resource.service().equals("dynamodb") && DynamoDbResource.ACTIONS.contains(resource.action())
                && requestResponse) {
            if (dynamoDb == null) {
                throw new UnsupportedResourceException("No DynamoDB endpoint is configured for " + resource.arn());
            }
            return dynamoDb;
        }
        throw new UnsupportedResourceException("The resource " + resource.arn() + " is not supported by the local "
                + "Step Functions; " + SUPPORTED);
    }

    /** Why {@code resource} cannot run locally, or empty when it can. */
    public Optional<String> problem(String resource) {
        if (ItemReader.Source.ofResource(resource).isPresent()
                || resource.matches("arn:aws[a-z-]*:states:::" + ResultWriter.RESOURCE)) {
            return s3 ? Optional.empty() : Optional.of("No S3 endpoint is configured for " + resource);
        }
        Optional<ResourceArn> arn = ResourceArn.parse(resource);
        if (arn.isEmpty()) {
            return Optional.of("Resource is not a valid ARN of a Lambda function, a service integration or an "
                    + "activity: " + resource);
        }
        try {
            resolve(arn.get());
            return Optional.empty();
        } catch (UnsupportedResourceException e) {
            return Optional.of(e.getMessage());
        }
    }
}
