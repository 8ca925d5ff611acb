package dev.persona.local.stepfunctions.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.Interpreter;
import dev.persona.local.stepfunctions.asl.exec.MapRun;

/**
 * The API actions on executions: start (also synchronously), describe, history, list, stop and redrive; Map
 * Runs; task tokens; and TestState.
 */
final class ExecutionActions {

    /** Members of history event details that carry JSON payloads, sent as strings on the wire. */
    private static final List<String> PAYLOAD_MEMBERS = List.of("input", "output", "parameters");
    private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED",
            "PENDING_REDRIVE");

    private final LocalStepFunctions service;

    ExecutionActions(LocalStepFunctions service) {
        this.service = service;
    }

    void register(Map<String, Function<JsonNode, JsonNode>> actions) {
        actions.put("StartExecution", this::startExecution);
        actions.put("StartSyncExecution", this::startSyncExecution);
        actions.put("DescribeExecution", this::describeExecution);
        actions.put("DescribeStateMachineForExecution", this::describeStateMachineForExecution);
        actions.put("GetExecutionHistory", this::getExecutionHistory);
        actions.put("ListExecutions", this::listExecutions);
        actions.put("StopExecution", this::stopExecution);
        actions.put("RedriveExecution", this::redriveExecution);
        actions.put("ListMapRuns", this::listMapRuns);
        actions.put("DescribeMapRun", this::describeMapRun);
        actions.put("SendTaskSuccess", this::sendTaskSuccess);
        actions.put("SendTaskFailure", this::sendTaskFailure);
        actions.put("SendTaskHeartbeat", this::sendTaskHeartbeat);
        actions.put("TestState", this::testState);
    }

    private JsonNode startExecution(JsonNode request) {
        Wire.acceptOnly("StartExecution", request, Set.of("stateMachineArn", "name", "input"));
        Execution execution = service.startExecution(Wire.required(request, "stateMachineArn"),
                Wire.optional(request, "name"), Wire.optional(request, "input"));
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.set("startDate", Wire.timestamp(execution.startDate()));
        return response;
    }

    private JsonNode startSyncExecution(JsonNode request) {
        Wire.acceptOnly("StartSyncExecution", request, Set.of("stateMachineArn", "name", "input", "includedData"));
        Execution execution = service.startSyncExecution(Wire.required(request, "stateMachineArn"),
                Wire.optional(request, "name"), Wire.optional(request, "input"));
        ExecutionOutcome outcome = execution.outcome();
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.put("stateMachineArn", execution.stateMachine().arn());
        response.put("name", execution.name());
        response.set("startDate", Wire.timestamp(execution.startDate()));
        response.set("stopDate", Wire.timestamp(outcome.stopDate()));
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
        Wire.acceptOnly("DescribeExecution", request, Set.of("executionArn", "includedData"));
        Execution execution = service.describeExecution(Wire.required(request, "executionArn"));
        ObjectNode response = Json.object();
        response.put("executionArn", execution.arn());
        response.put("stateMachineArn", execution.stateMachine().arn());
        response.put("name", execution.name());
        response.put("status", execution.status().name());
        response.set("startDate", Wire.timestamp(execution.startDate()));
        ExecutionOutcome outcome = execution.outcome();
        if (outcome != null) {
            response.set("stopDate", Wire.timestamp(outcome.stopDate()));
            addOutcome(response, outcome);
        }
        response.put("input", execution.inputText());
        response.putObject("inputDetails").put("included", true);
        addVersionAndAlias(response, execution);
        addRedrive(response, execution);
        return response;
    }

    private static void addVersionAndAlias(ObjectNode node, Execution execution) {
        if (execution.versionArn() != null) {
            node.put("stateMachineVersionArn", execution.versionArn());
        }
        if (execution.aliasArn() != null) {
            node.put("stateMachineAliasArn", execution.aliasArn());
        }
    }

    private void addRedrive(ObjectNode response, Execution execution) {
        response.put("redriveCount", execution.redriveCount());
        Wire.putTimestamp(response, "redriveDate", execution.redriveDate());
        LocalStepFunctions.RedriveStatus status = service.redriveStatus(execution);
        response.put("redriveStatus", status.redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (status.reason() != null) {
            response.put("redriveStatusReason", status.reason());
        }
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

    private JsonNode describeStateMachineForExecution(JsonNode request) {
        Wire.acceptOnly("DescribeStateMachineForExecution", request, Set.of("executionArn", "includedData"));
        Execution execution = service.describeExecution(Wire.required(request, "executionArn"));
        StateMachineRecord machine = execution.stateMachine();
        ObjectNode response = Json.object();
        response.put("stateMachineArn", execution.versionArn() != null ? execution.versionArn() : machine.arn());
        response.put("name", machine.name());
        if (!"METADATA_ONLY".equals(Wire.optional(request, "includedData"))) {
            response.put("definition", machine.definitionText());
        }
        response.put("roleArn", machine.roleArn());
        response.set("updateDate", Wire.timestamp(machine.updateDate()));
        StateMachineActions.addDefaultConfiguration(response);
        response.put("revisionId", machine.revisionId());
        return response;
    }

    private JsonNode getExecutionHistory(JsonNode request) {
        Wire.acceptOnly("GetExecutionHistory", request, Set.of("executionArn", "maxResults", "reverseOrder",
                "nextToken", "includeExecutionData"));
        List<HistoryEvent> events = new ArrayList<>(service.executionHistory(Wire.required(request, "executionArn")));
        if (Wire.flag(request, "reverseOrder", false)) {
            Collections.reverse(events);
        }
        boolean includeData = Wire.flag(request, "includeExecutionData", true);
        Wire.Page<HistoryEvent> page = Wire.page(events, request);
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
        wire.set("timestamp", Wire.timestamp(event.timestamp()));
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
        Wire.acceptOnly("ListExecutions", request, Set.of("stateMachineArn", "statusFilter", "maxResults",
                "nextToken", "mapRunArn", "redriveFilter"));
        String statusFilter = Wire.constant(request, "statusFilter", STATUSES);
        ExecutionStatus status = statusFilter == null || statusFilter.equals("PENDING_REDRIVE") ? null
                : ExecutionStatus.valueOf(statusFilter);
        String redriveFilter = Wire.constant(request, "redriveFilter", Set.of("REDRIVEN", "NOT_REDRIVEN"));
        Boolean redriven = redriveFilter == null ? null : redriveFilter.equals("REDRIVEN");
        String stateMachineArn = Wire.optional(request, "stateMachineArn");
        String mapRunArn = Wire.optional(request, "mapRunArn");
        if ((stateMachineArn == null) == (mapRunArn == null)) {
            throw new StepFunctionsException("ValidationException",
                    "Exactly one of stateMachineArn and mapRunArn must be given");
        }
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("executions");
        if (mapRunArn != null) {
            MapRun mapRun = service.describeMapRun(mapRunArn);
            List<MapRun.Child> children = mapRun.ended().stream()
                    .filter(child -> status == null || child.status() == status)
                    .filter(child -> redriven == null || !redriven).toList();
            Wire.Page<MapRun.Child> page = Wire.page(children, request);
            for (MapRun.Child child : page.items()) {
                ObjectNode item = items.addObject();
                item.put("executionArn", child.executionArn());
                item.put("stateMachineArn", mapRun.stateMachineArn());
                item.put("name", child.name());
                item.put("status", child.status().name());
                item.set("startDate", Wire.timestamp(child.startDate()));
                item.set("stopDate", Wire.timestamp(child.stopDate()));
                item.put("mapRunArn", mapRun.arn());
                item.put("itemCount", child.itemCount());
            }
            page.addToken(response);
            return response;
        }
        if ("PENDING_REDRIVE".equals(statusFilter)) {
            // A redrive starts at once here: no execution waits for one.
            Wire.page(List.of(), request).addToken(response);
            return response;
        }
        Wire.Page<Execution> page = Wire.page(service.listExecutions(stateMachineArn, status, redriven), request);
        for (Execution execution : page.items()) {
            ObjectNode item = items.addObject();
            item.put("executionArn", execution.arn());
            item.put("stateMachineArn", execution.stateMachine().arn());
            item.put("name", execution.name());
            item.put("status", execution.status().name());
            item.set("startDate", Wire.timestamp(execution.startDate()));
            if (execution.outcome() != null) {
                item.set("stopDate", Wire.timestamp(execution.outcome().stopDate()));
            }
            addVersionAndAlias(item, execution);
            item.put("redriveCount", execution.redriveCount());
            Wire.putTimestamp(item, "redriveDate", execution.redriveDate());
        }
        page.addToken(response);
        return response;
    }

    private JsonNode stopExecution(JsonNode request) {
        Wire.acceptOnly("StopExecution", request, Set.of("executionArn", "error", "cause"));
        Execution execution = service.stopExecution(Wire.required(request, "executionArn"),
                Wire.optional(request, "error"), Wire.optional(request, "cause"));
        ObjectNode response = Json.object();
        response.set("stopDate", Wire.timestamp(execution.outcome().stopDate()));
        return response;
    }

    private JsonNode redriveExecution(JsonNode request) {
        Wire.acceptOnly("RedriveExecution", request, Set.of("executionArn", "clientToken"));
        Instant redriven = service.redriveExecution(Wire.required(request, "executionArn"),
                Wire.optional(request, "clientToken"));
        ObjectNode response = Json.object();
        response.set("redriveDate", Wire.timestamp(redriven));
        return response;
    }

    private JsonNode listMapRuns(JsonNode request) {
        Wire.acceptOnly("ListMapRuns", request, Set.of("executionArn", "maxResults", "nextToken"));
        Wire.Page<MapRun> page = Wire.page(service.listMapRuns(Wire.required(request, "executionArn")), request);
        ObjectNode response = Json.object();
        ArrayNode runs = response.putArray("mapRuns");
        for (MapRun mapRun : page.items()) {
            ObjectNode item = runs.addObject();
            item.put("executionArn", mapRun.executionArn());
            item.put("mapRunArn", mapRun.arn());
            item.put("stateMachineArn", mapRun.stateMachineArn());
            item.set("startDate", Wire.timestamp(mapRun.startDate()));
            Wire.putTimestamp(item, "stopDate", mapRun.stopDate());
        }
        page.addToken(response);
        return response;
    }

    private JsonNode describeMapRun(JsonNode request) {
        Wire.acceptOnly("DescribeMapRun", request, Set.of("mapRunArn"));
        MapRun mapRun = service.describeMapRun(Wire.required(request, "mapRunArn"));
        ObjectNode response = Json.object();
        response.put("mapRunArn", mapRun.arn());
        response.put("executionArn", mapRun.executionArn());
        response.put("status", mapRun.status().name());
        response.set("startDate", Wire.timestamp(mapRun.startDate()));
        Wire.putTimestamp(response, "stopDate", mapRun.stopDate());
        response.put("maxConcurrency", mapRun.maxConcurrency());
        response.put("toleratedFailurePercentage", mapRun.toleratedFailurePercentage().floatValue());
        response.put("toleratedFailureCount", mapRun.toleratedFailureCount());
        response.set("itemCounts", counts(mapRun, true));
        response.set("executionCounts", counts(mapRun, false));
        response.put("redriveCount", mapRun.redriveCount());
        Wire.putTimestamp(response, "redriveDate", mapRun.redriveDate());
        return response;
    }

    /** MapRunItemCounts or MapRunExecutionCounts: children by status, items counted per batch or per child. */
    private static ObjectNode counts(MapRun mapRun, boolean items) {
        long succeeded = 0;
        long failed = 0;
        long timedOut = 0;
        long aborted = 0;
        long total = 0;
        long ended = 0;
        for (int i = 0; i < mapRun.size(); i++) {
            long weight = items ? mapRun.itemsOf(i) : 1;
            total += weight;
            MapRun.Child child = mapRun.child(i);
            if (child == null) {
                continue;
            }
            ended += weight;
            switch (child.status()) {
                case SUCCEEDED -> succeeded += weight;
                case FAILED -> failed += weight;
                case TIMED_OUT -> timedOut += weight;
                case ABORTED -> aborted += weight;
                case RUNNING -> {
                }
            }
        }
        long running = items ? Math.min(total - ended, mapRun.running()) : mapRun.running();
        ObjectNode counts = Json.object();
        counts.put("pending", Math.max(0, total - ended - running));
        counts.put("running", running);
        counts.put("succeeded", succeeded);
        counts.put("failed", failed);
        counts.put("timedOut", timedOut);
        counts.put("aborted", aborted);
        counts.put("total", total);
        counts.put("resultsWritten", items ? mapRun.resultsWritten() : Math.min(mapRun.resultsWritten(), ended));
        counts.put("failuresNotRedrivable", 0);
        counts.put("pendingRedrive", 0);
        return counts;
    }

    private JsonNode sendTaskSuccess(JsonNode request) {
        Wire.acceptOnly("SendTaskSuccess", request, Set.of("taskToken", "output"));
        service.sendTaskSuccess(Wire.required(request, "taskToken"), Wire.required(request, "output"));
        return Json.object();
    }

    private JsonNode sendTaskFailure(JsonNode request) {
        Wire.acceptOnly("SendTaskFailure", request, Set.of("taskToken", "error", "cause"));
        service.sendTaskFailure(Wire.required(request, "taskToken"), Wire.optional(request, "error"),
                Wire.optional(request, "cause"));
        return Json.object();
    }

    private JsonNode sendTaskHeartbeat(JsonNode request) {
        Wire.acceptOnly("SendTaskHeartbeat", request, Set.of("taskToken"));
        service.sendTaskHeartbeat(Wire.required(request, "taskToken"));
        return Json.object();
    }

    private JsonNode testState(JsonNode request) {
        Wire.acceptOnly("TestState", request, Set.of("definition", "roleArn", "input", "inspectionLevel",
                "variables", "revealSecrets"));
        if (Wire.flag(request, "revealSecrets", false)) {
            throw new StepFunctionsException("ValidationException", "revealSecrets is not supported by the local "
                    + "Step Functions (it has no HTTP tasks)");
        }
        String level = Wire.constant(request, "inspectionLevel", Set.of("INFO", "DEBUG", "TRACE"));
        Interpreter.StateTestOutcome outcome = service.testState(Wire.required(request, "definition"),
                Wire.required(request, "roleArn"), Wire.optional(request, "input"), Wire.optional(request,
                        "variables"));
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
        if (level != null && !level.equals("INFO")) {
            ObjectNode inspection = response.putObject("inspectionData");
            for (String name : Json.names(outcome.inspectionData())) {
                inspection.put(name, Json.write(outcome.inspectionData().get(name)));
            }
        }
        return response;
    }
}
