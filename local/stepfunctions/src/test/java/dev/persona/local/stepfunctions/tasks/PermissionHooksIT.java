package dev.persona.local.stepfunctions.tasks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeAuthorizer;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks a permission model uses: integrations call AWS with the clients of the state machine's role (asked
 * once per role), a DynamoDB AccessDeniedException from the endpoint fails the task as AWS names it, and an
 * authorizer decides every Lambda invocation of a task for the role, failing denied ones as AWS does.
 */
class PermissionHooksIT {

    private static final String ALLOWED_ROLE = "arn:aws:iam::123456789012:role/Allowed";
    private static final String DENIED_ROLE = "arn:aws:iam::123456789012:role/service-role/Denied";
    private static final String GET_ITEM = """
            {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
              "Parameters": {"TableName": "jobs", "Key": {"id": {"S": "1"}}}, "End": true}}}""";

    private HttpServer dynamoDb;
    private final List<String> rolesAsked = new CopyOnWriteArrayList<>();
    private final Map<String, DynamoDbClient> clients = new ConcurrentHashMap<>();
    private LocalStepFunctions engine;

    /**
     * A DynamoDB endpoint on loopback that answers as DynamoDB does: GetItem with an item for the access key
     * "allowed", AccessDeniedException (HTTP 400) for any other key.
     */
    @BeforeEach
    void start() throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dynamoDb.createContext("/", this::answer);
        dynamoDb.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean allowed = exchange.getRequestHeaders().getFirst("Authorization").contains("Credential=allowed/");
        String body = allowed ? "{\"Item\": {\"id\": {\"S\": \"1\"}, \"status\": {\"S\": \"QUEUED\"}}}"
                : "{\"__type\": \"com.amazonaws.dynamodb.v20120810#AccessDeniedException\", \"Message\": \"User: "
                + "arn:aws:sts::123456789012:assumed-role/Denied/session is not authorized to perform: "
                + "dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/jobs because no "
                + "identity-based policy allows the dynamodb:GetItem action\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "REQUEST1");
        exchange.sendResponseHeaders(allowed ? 200 : 400, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        clients.values().forEach(DynamoDbClient::close);
        dynamoDb.stop(0);
    }

    private DynamoDbClient clientFor(String roleArn) {
        rolesAsked.add(roleArn);
        String key = roleArn.equals(ALLOWED_ROLE) ? "allowed" : "denied";
        return clients.computeIfAbsent(key, k -> DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamoDb.getAddress().getPort()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(k, "secret")))
                .build());
    }

    private ExecutionOutcome run(String name, String definition, String role) {
        String arn = engine.createStateMachine(name, definition, role, StateMachineType.STANDARD).arn();
        var execution = engine.startExecution(arn, null, "{}");
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
    }

    @Test
    void integrationsCallAwsWithTheClientsOfTheStateMachinesRole() {
        engine = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH))
                .integrationClients(role -> new IntegrationClients(clientFor(role), null)).build();

        ExecutionOutcome allowed = run("allowed", GET_ITEM, ALLOWED_ROLE);
        ExecutionOutcome again = run("allowed-again", GET_ITEM, ALLOWED_ROLE);
        ExecutionOutcome denied = run("denied", GET_ITEM, DENIED_ROLE);

        assertThat(allowed.output().at("/Item/status/S").asText()).isEqualTo("QUEUED");
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(rolesAsked).as("asked once per role").containsExactly(ALLOWED_ROLE, DENIED_ROLE);
        assertThat(denied.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(denied.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
        assertThat(denied.cause()).startsWith("User: arn:aws:sts::123456789012:assumed-role/Denied/session is not "
                + "authorized to perform: dynamodb:GetItem").endsWith("(Service: AmazonDynamoDBv2; Status Code: "
                + "400; Error Code: AccessDeniedException; Request ID: REQUEST1; Proxy: null)");
    }

    @Test
    void aDeniedLambdaInvocationFailsTheTaskAsAwsReportsIt() {
        List<String> decided = new CopyOnWriteArrayList<>();
        engine = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH))
                .lambdaInvokeAuthorizer((role, function) -> {
                    decided.add(role + " -> " + function);
                    if (role.equals(ALLOWED_ROLE)) {
                        return LambdaInvokeAuthorizer.Decision.ALLOW;
                    }
                    return function.endsWith(":live") ? LambdaInvokeAuthorizer.Decision.EXPLICIT_DENY
                            : LambdaInvokeAuthorizer.Decision.IMPLICIT_DENY;
                }).build();
        engine.lambdaFunctions().registerFunction("step", payload -> json("{\"done\":true}"));
        String invokeAlias = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:step:live"},
                  "OutputPath": "$.Payload", "End": true}}}""";
        String functionArn = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:step", "End": true}}}""";

        assertThat(run("invoke-allowed", invokeAlias, ALLOWED_ROLE).output()).isEqualTo(json("{\"done\":true}"));
        ExecutionOutcome explicit = run("invoke-denied", invokeAlias, DENIED_ROLE);
        ExecutionOutcome implicit = run("function-denied", functionArn, DENIED_ROLE);

        assertThat(decided).containsExactly(
                ALLOWED_ROLE + " -> arn:aws:lambda:us-east-1:123456789012:function:step:live",
                DENIED_ROLE + " -> arn:aws:lambda:us-east-1:123456789012:function:step:live",
                DENIED_ROLE + " -> arn:aws:lambda:us-east-1:123456789012:function:step");
        assertThat(explicit.error()).isEqualTo("Lambda.AWSLambdaException");
        assertThat(explicit.cause()).matches("User: arn:aws:sts::123456789012:assumed-role/Denied/[A-Za-z]{32} is "
                + "not authorized to perform: lambda:InvokeFunction on resource: "
                + "arn:aws:lambda:us-east-1:123456789012:function:step:live with an explicit deny in an "
                + "identity-based policy \\(Service: AWSLambda; Status Code: 403; Error Code: "
                + "AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)");
        assertThat(implicit.error()).isEqualTo("Lambda.AWSLambdaException");
        assertThat(implicit.cause()).contains("on resource: arn:aws:lambda:us-east-1:123456789012:function:step "
                + "because no identity-based policy allows the lambda:InvokeFunction action");
    }
}
