package dev.persona.local.iam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.local.servers.DynamoDbGateException;
import dev.persona.local.servers.DynamoDbRequest;
import dev.persona.local.servers.DynamoDbRequestGate;

/**
 * The local DynamoDB's IAM: the signature checked with the caller's secret (Signature Version 4, service
 * {@code dynamodb}), the credentials as DynamoDB checks them, and each action the request performs authorized on
 * the table or index it names, as the service authorization reference for DynamoDB defines them: the item actions
 * on the table ARN, Query and Scan on the index ARN when they name an index, BatchGetItem and BatchWriteItem on
 * every table of the batch, each item of a transaction as the item action it is ({@code dynamodb:PutItem}…,
 * {@code dynamodb:ConditionCheckItem}). Errors are DynamoDB's: {@code UnrecognizedClientException},
 * {@code ExpiredTokenException}, {@code InvalidSignatureException}, {@code AccessDeniedException}.
 *
 * <p>An operation this gate does not map requires {@code dynamodb:{Operation}} on {@code *}, which no policy of
 * the model grants: it fails closed.
 */
public final class DynamoDbGate implements DynamoDbRequestGate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORAL = "com.amazon.coral.service#";
    private static final Set<String> ON_TABLE = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
            "DescribeTable", "CreateTable", "DeleteTable", "UpdateTable", "DescribeTimeToLive", "UpdateTimeToLive",
            "DescribeContinuousBackups", "UpdateContinuousBackups");

    private final LocalIam iam;

    public DynamoDbGate(LocalIam iam) {
        this.iam = iam;
    }

    @Override
    public void check(DynamoDbRequest request) {
        Caller caller = authenticate(request);
        try {
            for (String[] need : requirements(request)) {
                iam.authorize(caller, need[0], need[1], RequestContext.of(Map.of("aws:SecureTransport", "false")));
            }
        } catch (AccessDeniedException e) {
            throw new DynamoDbGateException(400, CORAL + "AccessDeniedException", e.getMessage());
        }
    }

    private Caller authenticate(DynamoDbRequest request) {
        List<String> authorization = request.headers().apply("Authorization");
        if (authorization == null || authorization.isEmpty()) {
            throw new DynamoDbGateException(400, CORAL + "MissingAuthenticationTokenException",
                    "Request is missing Authentication Token");
        }
        try {
            return iam.authenticate(new SigV4.Request(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), request.body()), iam.region(), "dynamodb");
        } catch (CredentialsException e) {
            throw switch (e.reason()) {
                case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> new DynamoDbGateException(400,
                        CORAL + "UnrecognizedClientException", "The security token included in the request is invalid.");
                case EXPIRED_TOKEN -> new DynamoDbGateException(400, CORAL + "ExpiredTokenException",
                        "The security token included in the request is expired");
            };
        } catch (SigV4Exception e) {
            throw new DynamoDbGateException(400, CORAL + (e.code().equals("SignatureDoesNotMatch")
                    ? "InvalidSignatureException" : e.code() + "Exception"), e.getMessage());
        }
    }

    /** Every (action, resource) the request performs. */
    List<String[]> requirements(DynamoDbRequest request) {
        String operation = request.operation();
        if (operation == null) {
            throw new DynamoDbGateException(400, CORAL + "UnknownOperationException", null);
        }
        JsonNode body;
        try {
            body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            throw new DynamoDbGateException(400, CORAL + "SerializationException", "Start of structure or map found "
                    + "where not expected.");
        }
        List<String[]> needs = new ArrayList<>();
        String action = "dynamodb:" + operation;
        if (ON_TABLE.contains(operation)) {
            needs.add(new String[] {action, tableArn(body.path("TableName").asText())});
        } else if (operation.equals("Query") || operation.equals("Scan")) {
            String table = tableArn(body.path("TableName").asText());
            needs.add(new String[] {action, body.hasNonNull("IndexName")
                    ? table + "/index/" + body.path("IndexName").asText() : table});
        } else if (operation.equals("BatchGetItem") || operation.equals("BatchWriteItem")) {
            body.path("RequestItems").fieldNames().forEachRemaining(table ->
                    needs.add(new String[] {action, tableArn(table)}));
        } else if (operation.equals("TransactWriteItems") || operation.equals("TransactGetItems")) {
            Set<String> items = new LinkedHashSet<>();
            for (JsonNode item : body.path("TransactItems")) {
                item.fields().forEachRemaining(entry -> items.add(transactAction(entry.getKey()) + " "
                        + tableArn(entry.getValue().path("TableName").asText())));
            }
            items.forEach(each -> needs.add(each.split(" ", 2)));
        } else if (operation.equals("ListTagsOfResource") || operation.equals("TagResource")
                || operation.equals("UntagResource")) {
            needs.add(new String[] {action, body.path("ResourceArn").asText()});
        } else {
            needs.add(new String[] {action, "*"});
        }
        return needs;
    }

    private static String transactAction(String member) {
        return switch (member) {
            case "Put" -> "dynamodb:PutItem";
            case "Update" -> "dynamodb:UpdateItem";
            case "Delete" -> "dynamodb:DeleteItem";
            case "ConditionCheck" -> "dynamodb:ConditionCheckItem";
            case "Get" -> "dynamodb:GetItem";
            default -> "dynamodb:Transact" + member;
        };
    }

    private String tableArn(String table) {
        return "arn:" + iam.names().partition() + ":dynamodb:" + iam.region() + ":" + iam.account() + ":table/" + table;
    }
}
