package dev.persona.local.gateway;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events API Gateway (REST API, Lambda proxy integration) sends to Lambda: the REQUEST authorizer's
 * event and the handler's {@code APIGatewayProxyRequestEvent}, field for field.
 */
final class LambdaEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** API Gateway's {@code $context.requestTime}: {@code 04/Mar/2020:19:15:17 +0000}. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private LambdaEvents() {
    }

    /** The REQUEST authorizer's event: the request as the handler would see it, plus its method ARN. */
    static ObjectNode authorizerEvent(IncomingRequest request, RouteTable.ResourceMatch match, ApiStage stage) {
        ObjectNode event = NODES.objectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", stage.methodArn(request.method(), request.path()));
        request(event, request, match);
        event.set("requestContext", requestContext(request, match, stage));
        return event;
    }

    /**
     * The handler's event. {@code authorizer} is the authorizer's context with its principal id; the body is
     * base64 when {@code binaryBody} (its content type is one of the API's binary media types).
     */
    static ObjectNode proxyEvent(IncomingRequest request, RouteTable.ResourceMatch match, ApiStage stage,
                                 ObjectNode authorizer, boolean binaryBody) {
        ObjectNode event = NODES.objectNode();
        request(event, request, match);
        ObjectNode context = requestContext(request, match, stage);
        context.set("authorizer", authorizer);
        event.set("requestContext", context);
        if (request.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (binaryBody) {
            event.put("body", Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", new String(request.body(), StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The members both events share, in API Gateway's order. */
    private static void request(ObjectNode event, IncomingRequest request, RouteTable.ResourceMatch match) {
        event.put("resource", match.resource().path());
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = request.headers();
        event.set("headers", lastValues(headers));
        event.set("multiValueHeaders", allValues(headers));
        Map<String, List<String>> query = request.queryParameters();
        event.set("queryStringParameters", lastValues(query));
        event.set("multiValueQueryStringParameters", allValues(query));
        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        // The deployed stage defines no stage variables.
        event.putNull("stageVariables");
    }

    private static ObjectNode requestContext(IncomingRequest request, RouteTable.ResourceMatch match, ApiStage stage) {
        ObjectNode context = NODES.objectNode();
        context.put("resourcePath", match.resource().path());
        context.put("httpMethod", request.method());
        context.put("extendedRequestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(request.received()));
        context.put("path", "/" + stage.stage() + request.path());
        context.put("accountId", stage.accountId());
        context.put("protocol", request.protocol());
        context.put("stage", stage.stage());
        request.header("Host").ifPresentOrElse(host -> context.put("domainName", host),
                () -> context.putNull("domainName"));
        context.put("requestTimeEpoch", request.received().toEpochMilli());
        context.put("requestId", request.requestId());
        ObjectNode identity = context.putObject("identity");
        for (String absent : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "apiKey",
                "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
                "userArn")) {
            identity.putNull(absent);
        }
        identity.put("sourceIp", request.sourceIp());
        request.header("User-Agent").ifPresentOrElse(agent -> identity.put("userAgent", agent),
                () -> identity.putNull("userAgent"));
        identity.putNull("user");
        context.put("apiId", stage.apiId());
        return context;
    }

    /** One value per name, the last one, as API Gateway's single-value maps hold; null when there are none. */
    private static JsonNode lastValues(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return NODES.nullNode();
        }
        ObjectNode node = NODES.objectNode();
        values.forEach((name, list) -> node.put(name, list.isEmpty() ? "" : list.getLast()));
        return node;
    }

    private static JsonNode allValues(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return NODES.nullNode();
        }
        ObjectNode node = NODES.objectNode();
        values.forEach((name, list) -> list.forEach(node.putArray(name)::add));
        return node;
    }
}
