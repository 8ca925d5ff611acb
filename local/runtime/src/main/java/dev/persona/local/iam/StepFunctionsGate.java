package dev.persona.local.iam;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.api.StepFunctionsRequestGate;

/**
 * The local Step Functions endpoint's IAM: the signature checked with the caller's secret (Signature Version 4,
 * service {@code states}), the credentials as the service checks them, and {@code states:{Action}} authorized on
 * the resource the request names, as the service authorization reference for Step Functions defines them: the
 * state machine, execution, Map Run or alias ARN the request carries, the ARN a new state machine will have, and
 * {@code *} for the actions that name no resource (ListStateMachines, SendTaskSuccess…). Errors are those of the
 * AWS JSON protocol: {@code MissingAuthenticationTokenException}, {@code UnrecognizedClientException},
 * {@code ExpiredTokenException}, {@code InvalidSignatureException}, {@code AccessDeniedException}.
 */
public final class StepFunctionsGate implements StepFunctionsRequestGate {

    /** Request members that name the resource an action acts on, in the order they are looked for. */
    private static final List<String> RESOURCE_MEMBERS = List.of("stateMachineArn", "executionArn", "mapRunArn",
            "stateMachineAliasArn", "stateMachineVersionArn", "resourceArn");

    private final LocalIam iam;

    public StepFunctionsGate(LocalIam iam) {
        this.iam = iam;
    }

    @Override
    public void check(Request request) {
        Caller caller = authenticate(request);
        try {
            iam.authorize(caller, "states:" + request.action(), resource(request),
                    RequestContext.of(Map.of("aws:SecureTransport", "false")));
        } catch (AccessDeniedException e) {
            throw new StepFunctionsException("AccessDeniedException", e.getMessage());
        }
    }

    private Caller authenticate(Request request) {
        try {
            return iam.authenticate(new SigV4.Request(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), request.body()), iam.region(), "states");
        } catch (CredentialsException e) {
            throw switch (e.reason()) {
                case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> new StepFunctionsException("UnrecognizedClientException",
                        "The security token included in the request is invalid.");
                case EXPIRED_TOKEN -> new StepFunctionsException("ExpiredTokenException",
                        "The security token included in the request is expired");
            };
        } catch (SigV4Exception e) {
            throw new StepFunctionsException(e.code().equals("SignatureDoesNotMatch") ? "InvalidSignatureException"
                    : e.code() + "Exception", e.getMessage());
        }
    }

    private String resource(Request request) {
        JsonNode input = request.input();
        for (String member : RESOURCE_MEMBERS) {
            if (input.path(member).isTextual()) {
                return input.get(member).asText();
            }
        }
        if (request.action().equals("CreateStateMachine") && input.path("name").isTextual()) {
            return "arn:aws:states:" + iam.region() + ":" + iam.account() + ":stateMachine:"
                    + input.get("name").asText();
        }
        return "*";
    }
}
