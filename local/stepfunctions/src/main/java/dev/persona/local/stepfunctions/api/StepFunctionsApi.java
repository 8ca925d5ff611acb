package dev.persona.local.stepfunctions.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.Interpreter;

/**
 * The actions of the Step Functions API (AWS JSON 1.0): each takes the request body and returns the response
 * body, with AWS's member names, epoch-second timestamps and payloads as JSON strings.
 */
final class StepFunctionsApi {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    /** Members of history event details that carry JSON payloads, sent as strings on the wire. */
    private static final List<String> PAYLOAD_MEMBERS = List.of("input", "output", "parameters");

    private final LocalStepFunctions service;
    private final Map<String, Function<JsonNode, JsonNode>> actions;

    StepFunctionsApi(LocalStepFunctions service) {
        this.service = service;
        this.actions = Map.ofEntries(
                Map.entry("CreateStateMachine", this::createStateMachine),
                Map.entry("UpdateStateMachine", this::updateStateMachine),
                Map.entry("DescribeStateMachine", this::describeStateMachine),
                Map.entry("ListStateMachines", this::listStateMachines),
                Map.entry("DeleteStateMachine", this::deleteStateMachine),
                Map.entry("StartExecution", this::startExecution),
                Map.entry("StartSyncExecution", this::startSyncExecution),
                Map.entry("DescribeExecution", this::describeExecution),
                Map.entry("GetExecutionHistory", this::getExecutionHistory),
                Map.entry("ListExecutions", this::listExecutions),
                Map.entry("StopExecution", this::stopExecution),
                Map.entry("ValidateStateMachineDefinition", this::validateDefinition),
                Map.entry("SendTaskSuccess", this::sendTaskSuccess),
                Map.entry("SendTaskFailure", this::sendTaskFailure),
                Map.entry("SendTaskHeartbeat", this::sendTaskHeartbeat),
                Map.entry("TestState", this::testState));
    }

    /** Runs {@code action}; throws {@link StepFunctionsException} for API errors. */
    JsonNode handle(String action, JsonNode request) {
        Function<JsonNode, JsonNode> handler = actions.get(action);
        if (handler == null) {
            throw new StepFunctionsException("UnknownOperationException", "Unknown operation " + action);
        }
        return handler.apply(request);
    }

    private JsonNode createStateMachine(JsonNode request) {
        String type = optional(request, "type");
        StateMachineType machineType;
        try {
            machineType = type == null ? StateMachineType.STANDARD : StateMachineType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw validation("type", type);
        }
        StateMachineRecord machine = service.createStateMachine(required(request, "name"),
                required(request, "definition"), required(request, "roleArn"), machineType);
        ObjectNode response = Json.object();
        response.put("stateMachineArn", machine.arn());
        response.set("creationDate", timestamp(machine.creationDate()));
        return response;
    }

    private JsonNode updateStateMachine(JsonNode request) {
        StateMachineRecord machine = service.updateStateMachine(required(request, "stateMachineArn"),
                optional(request, "definition"), optional(request, "roleArn"));
        ObjectNode response = Json.object();
        response.set("updateDate", timestamp(service.time().now()));
        response.put("revisionId", machine.revisionId());
        return response;
    }

    private JsonNode describeStateMachine(JsonNode request) {
        StateMachineRecord machine = service.describeStateMachine(required(request, "stateMachineArn"));
        ObjectNode response = Json.object();
        response.put("stateMachineArn", machine.arn());
        response.put("name", machine.name());
        response.put("status", "ACTIVE");
        response.put("definition", machine.definitionText());
        response.put("roleArn", machine.roleArn());
        response.put("type", machine.type().name());
        response.set("creationDate", timestamp(machine.creationDate()));
        ObjectNode logging = response.putObject("loggingConfiguration");
        logging.put("level", "OFF");
        logging.put("includeExecutionData", false);
        response.putObject("tracingConfiguration").put("enabled", false);
        response.put("revisionId", machine.revisionId());
        return response;
    }

    private JsonNode listStateMachines(JsonNode request) {
        Page<StateMachineRecord> page = page(service.listStateMachines(), request);
        ObjectNode response = Json.object();
        ArrayNode machines = response.putArray("stateMachines");
        for (StateMachineRecord machine : page.items()) {
            ObjectNode item = machines.addObject();
            item.put("stateMachineArn", machine.arn());
            item.put("name", machine.name());
            item.put("type", machine.type().name());
            item.set("creationDate", timestamp(machine.creationDate()));
        }
        page.addToken(response);
        return response;
    }

    private JsonNode deleteStateMachine(JsonNode request) {
        service.deleteStateMachine(required(request, "stateMachineArn"));
        return Json.object();
    }

    private JsonNode startExecution(JsonNode request) {
        Execution execution = service.startExecution(required(request, "stateMachineArn"), optional(request, "name"),
                optional(request, "input"));
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.set("startDate", timestamp(execution.startDate()));
        return response;
    }

    private JsonNode startSyncExecution(JsonNode request) {
        Execution execution = service.startSyncExecution(required(request, "stateMachineArn"),
                optional(request, "name"), optional(request, "input"));
        ExecutionOutcome outcome = execution.outcome();
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.put("stateMachineArn", execution.stateMachine().arn());
        response.put("name", execution.name());
        response.set("startDate", timestamp(execution.startDate()));
        response.set("stopDate", timestamp(outcome.stopDate()));
        response.put("status", outcome.status().name());
        addOutcome(response, outcome);
        response.put("input", execution.inputText());
        response.putObject("inputDetails").put("included", true);
        ObjectNode billing = response.putObject("billingDetails");
        billing.put("billedMemoryUsedInMB", 64);
        billing.put("billedDurationInMilliseconds",
                Math.max(100, outcome.stopDate().toEpochMilli() - execution.startDate().toEpochMilli()));
        return response;
    }

    private JsonNode describeExecution(JsonNode request) {
        Execution execution = service.describeExecution(required(request, "executionArn"));
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.put("stateMachineArn", execution.stateMachine().arn());
        response.put("name", execution.name());
        response.put("status", execution.status().name());
        response.set("startDate", timestamp(execution.startDate()));
        ExecutionOutcome outcome = execution.outcome();
        if (outcome != null) {
            response.set("stopDate", timestamp(outcome.stopDate()));
            addOutcome(response, outcome);
        }
        response.put("input", execution.inputText());
        response.putObject("inputDetails").put("included", true);
        response.put("redriveCount", 0);
        response.put("redriveStatus", "NOT_REDRIVABLE");
        return response;
    }

    private static void addOutcome(ObjectNode response, ExecutionOutcome outcome) {
        if (outcome.output() != null) {
            response.put("output", Json.write(outcome.output()));
            response.putObject("outputDetails").put("included", true);
        }
        if (outcome.error() != null) {
            response.put("error", outcome.error());
        }
        if (outcome.cause() != null) {
            response.put("cause", outcome.cause());
        }
    }

    private JsonNode getExecutionHistory(JsonNode request) {
        List<HistoryEvent> events = new ArrayList<>(service.executionHistory(required(request, "executionArn")));
        if (request.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        boolean includeData = request.path("includeExecutionData").asBoolean(true);
        Page<HistoryEvent> page = page(events, request);
        ObjectNode response = Json.object();
        ArrayNode wire = response.putArray("events");
        for (HistoryEvent event : page.items()) {
            wire.add(event(event, includeData));
        }
        page.addToken(response);
        return response;
    }

    private static ObjectNode event(HistoryEvent event, boolean includeData) {
        ObjectNode wire = Json.object();
        wire.set("timestamp", timestamp(event.timestamp()));
        wire.put("type", event.type().wireName());
        wire.put("id", event.id());
        wire.put("previousEventId", event.previousEventId());
        if (event.type().detailsMember() != null) {
            ObjectNode details = Json.object();
            if (event.details() != null) {
                for (String name : Json.names(event.details())) {
                    JsonNode value = event.details().get(name);
                    if (PAYLOAD_MEMBERS.contains(name)) {
                        if (includeData) {
                            details.put(name, Json.write(value));
                        }
                    } else {
                        details.set(name, value);
                    }
                }
            }
            wire.set(event.type().detailsMember(), details);
        }
        return wire;
    }

    private JsonNode listExecutions(JsonNode request) {
        String statusFilter = optional(request, "statusFilter");
        ExecutionStatus status;
        try {
            status = statusFilter == null ? null : ExecutionStatus.valueOf(statusFilter);
        } catch (IllegalArgumentException e) {
            throw validation("statusFilter", statusFilter);
        }
        Page<Execution> page = page(service.listExecutions(required(request, "stateMachineArn"), status), request);
        ObjectNode response = Json.object();
        ArrayNode executions = response.putArray("executions");
        for (Execution execution : page.items()) {
            ObjectNode item = executions.addObject();
            item.put("executionArn", execution.arn());
            item.put("stateMachineArn", execution.stateMachine().arn());
            item.put("name", execution.name());
            item.put("status", execution.status().name());
            item.set("startDate", timestamp(execution.startDate()));
            if (execution.outcome() != null) {
                item.set("stopDate", timestamp(execution.outcome().stopDate()));
            }
        }
        page.addToken(response);
        return response;
    }

    private JsonNode stopExecution(JsonNode request) {
        Execution execution = service.stopExecution(required(request, "executionArn"), optional(request, "error"),
                optional(request, "cause"));
        ObjectNode response = Json.object();
        response.set("stopDate", timestamp(execution.outcome().stopDate()));
        return response;
    }

    private JsonNode validateDefinition(JsonNode request) {
        List<DefinitionProblem> problems = service.validateDefinition(required(request, "definition"));
        ObjectNode response = Json.object();
        response.put("result", problems.isEmpty() ? "OK" : "FAIL");
        ArrayNode diagnostics = response.putArray("diagnostics");
        for (DefinitionProblem problem : problems) {
            ObjectNode diagnostic = diagnostics.addObject();
            diagnostic.put("severity", "ERROR");
            diagnostic.put("code", problem.code().name());
            diagnostic.put("message", problem.message());
            diagnostic.put("location", problem.location().isEmpty() ? "/" : problem.location());
        }
        response.put("truncated", false);
        return response;
    }

    private JsonNode sendTaskSuccess(JsonNode request) {
        service.sendTaskSuccess(required(request, "taskToken"), required(request, "output"));
        return Json.object();
    }

    private JsonNode sendTaskFailure(JsonNode request) {
        service.sendTaskFailure(required(request, "taskToken"), optional(request, "error"), optional(request, "cause"));
        return Json.object();
    }

    private JsonNode sendTaskHeartbeat(JsonNode request) {
        service.sendTaskHeartbeat(required(request, "taskToken"));
        return Json.object();
    }

    private JsonNode testState(JsonNode request) {
        Interpreter.StateTestOutcome outcome = service.testState(required(request, "definition"),
                required(request, "roleArn"), optional(request, "input"), optional(request, "variables"));
        ObjectNode response = Json.object();
        if (outcome.output() != null) {
            response.put("output", Json.write(outcome.output()));
        }
        if (outcome.error() != null) {
            response.put("error", outcome.error());
        }
        if (outcome.cause() != null) {
            response.put("cause", outcome.cause());
        }
        if (outcome.nextState() != null) {
            response.put("nextState", outcome.nextState());
        }
        response.put("status", outcome.status());
        String level = optional(request, "inspectionLevel");
        if (level != null && !level.equals("INFO")) {
            ObjectNode inspection = response.putObject("inspectionData");
            for (String name : Json.names(outcome.inspectionData())) {
                inspection.put(name, Json.write(outcome.inspectionData().get(name)));
            }
        }
        return response;
    }

    /** AWS JSON timestamps: epoch seconds with milliseconds, as a plain decimal number. */
    private static JsonNode timestamp(Instant instant) {
        return Json.NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    private static String required(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value null at '"
                    + member + "' failed to satisfy constraint: Member must not be null");
        }
        if (!value.isTextual()) {
            throw validation(member, Json.write(value));
        }
        return value.textValue();
    }

    private static String optional(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : required(request, member);
    }

    private static StepFunctionsException validation(String member, String value) {
        return new StepFunctionsException("ValidationException", "1 validation error detected: Value '" + value
                + "' at '" + member + "' failed to satisfy constraint");
    }

    /** One page of a list and the token of the next one. */
    private record Page<T>(List<T> items, String nextToken) {
        void addToken(ObjectNode response) {
            if (nextToken != null) {
                response.put("nextToken", nextToken);
            }
        }
    }

    /** Pages by offset; the token is opaque to clients. */
    private static <T> Page<T> page(List<T> all, JsonNode request) {
        int size = request.path("maxResults").asInt(0);
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw validation("maxResults", Integer.toString(size));
        }
        if (size == 0) {
            size = DEFAULT_PAGE_SIZE;
        }
        int offset = 0;
        String token = optional(request, "nextToken");
        if (token != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (!decoded.startsWith("offset:")) {
                    throw new IllegalArgumentException(decoded);
                }
                offset = Integer.parseInt(decoded.substring("offset:".length()));
            } catch (IllegalArgumentException e) {
                throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
            }
        }
        int end = Math.min(all.size(), offset + size);
        List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }
}
