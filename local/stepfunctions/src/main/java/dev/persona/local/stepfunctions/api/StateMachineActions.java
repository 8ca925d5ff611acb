package dev.persona.local.stepfunctions.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineAlias;
import dev.persona.local.stepfunctions.StateMachineChange;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.StateMachineVersion;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem;

/** The API actions on state machines, their versions, aliases and tags, and definition validation. */
final class StateMachineActions {

    private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");
    private static final Set<String> INCLUDED_DATA = Set.of("ALL_DATA", "METADATA_ONLY");
    private static final int MAX_DIAGNOSTICS = 100;

    private final LocalStepFunctions service;

    StateMachineActions(LocalStepFunctions service) {
        this.service = service;
    }

    void register(Map<String, Function<JsonNode, JsonNode>> actions) {
        actions.put("CreateStateMachine", this::createStateMachine);
        actions.put("UpdateStateMachine", this::updateStateMachine);
        actions.put("DescribeStateMachine", this::describeStateMachine);
        actions.put("ListStateMachines", this::listStateMachines);
        actions.put("DeleteStateMachine", this::deleteStateMachine);
        actions.put("PublishStateMachineVersion", this::publishVersion);
        actions.put("ListStateMachineVersions", this::listVersions);
        actions.put("DeleteStateMachineVersion", this::deleteVersion);
        actions.put("CreateStateMachineAlias", this::createAlias);
        actions.put("DescribeStateMachineAlias", this::describeAlias);
        actions.put("ListStateMachineAliases", this::listAliases);
        actions.put("UpdateStateMachineAlias", this::updateAlias);
        actions.put("DeleteStateMachineAlias", this::deleteAlias);
        actions.put("TagResource", this::tagResource);
        actions.put("UntagResource", this::untagResource);
        actions.put("ListTagsForResource", this::listTags);
        actions.put("ValidateStateMachineDefinition", this::validateDefinition);
    }

    private JsonNode createStateMachine(JsonNode request) {
        Wire.acceptOnly("CreateStateMachine", request, Set.of("name", "definition", "roleArn", "type", "tags",
                "publish", "versionDescription", "loggingConfiguration", "tracingConfiguration",
                "encryptionConfiguration"));
        refuseUnimplementedConfiguration(request);
        String type = Wire.constant(request, "type", TYPES);
        StateMachineChange change = service.createStateMachine(Wire.required(request, "name"),
                Wire.required(request, "definition"), Wire.required(request, "roleArn"),
                type == null ? StateMachineType.STANDARD : StateMachineType.valueOf(type),
                Wire.tags(request.get("tags")), Wire.flag(request, "publish", false),
                Wire.optional(request, "versionDescription"));
        ObjectNode response = Json.object();
        response.put("stateMachineArn", change.revision().arn());
        response.set("creationDate", Wire.timestamp(change.revision().creationDate()));
        if (change.version() != null) {
            response.put("stateMachineVersionArn", change.version().arn());
        }
        return response;
    }

    /**
     * Logging, X-Ray tracing and customer-managed keys are not implemented: their defaults (level OFF, tracing off,
     * an AWS-owned key) are accepted, anything else is refused.
     */
    private static void refuseUnimplementedConfiguration(JsonNode request) {
        JsonNode logging = request.get("loggingConfiguration");
        if (logging != null && !logging.isNull() && !logging.path("level").asText("OFF").equals("OFF")) {
            throw unsupported("loggingConfiguration with a level other than OFF");
        }
        JsonNode tracing = request.get("tracingConfiguration");
        if (tracing != null && tracing.path("enabled").asBoolean(false)) {
            throw unsupported("tracingConfiguration with X-Ray tracing enabled");
        }
        JsonNode encryption = request.get("encryptionConfiguration");
        if (encryption != null && !encryption.isNull()
                && !encryption.path("type").asText("AWS_OWNED_KEY").equals("AWS_OWNED_KEY")) {
            throw unsupported("encryptionConfiguration with a customer managed KMS key");
        }
    }

    private static StepFunctionsException unsupported(String what) {
        return new StepFunctionsException("ValidationException", "The local Step Functions does not implement "
                + what);
    }

    private JsonNode updateStateMachine(JsonNode request) {
        Wire.acceptOnly("UpdateStateMachine", request, Set.of("stateMachineArn", "definition", "roleArn", "publish",
                "versionDescription", "loggingConfiguration", "tracingConfiguration", "encryptionConfiguration"));
        refuseUnimplementedConfiguration(request);
        StateMachineChange change = service.updateStateMachine(Wire.required(request, "stateMachineArn"),
                Wire.optional(request, "definition"), Wire.optional(request, "roleArn"),
                Wire.flag(request, "publish", false), Wire.optional(request, "versionDescription"));
        ObjectNode response = Json.object();
        response.set("updateDate", Wire.timestamp(change.revision().updateDate()));
        response.put("revisionId", change.revision().revisionId());
        if (change.version() != null) {
            response.put("stateMachineVersionArn", change.version().arn());
        }
        return response;
    }

    private JsonNode describeStateMachine(JsonNode request) {
        Wire.acceptOnly("DescribeStateMachine", request, Set.of("stateMachineArn", "includedData"));
        String arn = Wire.required(request, "stateMachineArn");
        boolean metadataOnly = "METADATA_ONLY".equals(Wire.constant(request, "includedData", INCLUDED_DATA));
        StateMachineRecord machine = service.describeStateMachine(arn);
        ObjectNode response = Json.object();
        response.put("stateMachineArn", arn);
        response.put("name", machine.name());
        response.put("status", "ACTIVE");
        if (!metadataOnly) {
            response.put("definition", machine.definitionText());
        }
        response.put("roleArn", machine.roleArn());
        response.put("type", machine.type().name());
        response.set("creationDate", Wire.timestamp(machine.creationDate()));
        addDefaultConfiguration(response);
        response.put("revisionId", machine.revisionId());
        if (!arn.equals(machine.arn())) {
            StateMachineVersion version = service.describeStateMachineVersion(arn);
            response.set("creationDate", Wire.timestamp(version.creationDate()));
            if (version.description() != null) {
                response.put("description", version.description());
            }
        }
        return response;
    }

    /** The logging and tracing every local state machine has: none. */
    static void addDefaultConfiguration(ObjectNode response) {
        ObjectNode logging = response.putObject("loggingConfiguration");
        logging.put("level", "OFF");
        logging.put("includeExecutionData", false);
        response.putObject("tracingConfiguration").put("enabled", false);
    }

    private JsonNode listStateMachines(JsonNode request) {
        Wire.acceptOnly("ListStateMachines", request, Set.of("maxResults", "nextToken"));
        Wire.Page<StateMachineRecord> page = Wire.page(service.listStateMachines(), request);
        ObjectNode response = Json.object();
        ArrayNode machines = response.putArray("stateMachines");
        for (StateMachineRecord machine : page.items()) {
            ObjectNode item = machines.addObject();
            item.put("stateMachineArn", machine.arn());
            item.put("name", machine.name());
            item.put("type", machine.type().name());
            item.set("creationDate", Wire.timestamp(machine.creationDate()));
        }
        page.addToken(response);
        return response;
    }

    private JsonNode deleteStateMachine(JsonNode request) {
        Wire.acceptOnly("DeleteStateMachine", request, Set.of("stateMachineArn"));
        service.deleteStateMachine(Wire.required(request, "stateMachineArn"));
        return Json.object();
    }

    private JsonNode publishVersion(JsonNode request) {
        Wire.acceptOnly("PublishStateMachineVersion", request, Set.of("stateMachineArn", "revisionId",
                "description"));
        StateMachineVersion version = service.publishStateMachineVersion(Wire.required(request, "stateMachineArn"),
                Wire.optional(request, "revisionId"), Wire.optional(request, "description"));
        ObjectNode response = Json.object();
        response.set("creationDate", Wire.timestamp(version.creationDate()));
        response.put("stateMachineVersionArn", version.arn());
        return response;
    }

    private JsonNode listVersions(JsonNode request) {
        Wire.acceptOnly("ListStateMachineVersions", request, Set.of("stateMachineArn", "maxResults", "nextToken"));
        Wire.Page<StateMachineVersion> page = Wire.page(service.listStateMachineVersions(
                Wire.required(request, "stateMachineArn")), request);
        ObjectNode response = Json.object();
        ArrayNode versions = response.putArray("stateMachineVersions");
        for (StateMachineVersion version : page.items()) {
            ObjectNode item = versions.addObject();
            item.put("stateMachineVersionArn", version.arn());
            item.set("creationDate", Wire.timestamp(version.creationDate()));
        }
        page.addToken(response);
        return response;
    }

    private JsonNode deleteVersion(JsonNode request) {
        Wire.acceptOnly("DeleteStateMachineVersion", request, Set.of("stateMachineVersionArn"));
        service.deleteStateMachineVersion(Wire.required(request, "stateMachineVersionArn"));
        return Json.object();
    }

    private static List<StateMachineAlias.Route> routing(JsonNode request, boolean required) {
        JsonNode routing = request.get("routingConfiguration");
        if (routing == null || routing.isNull()) {
            if (required) {
                Wire.required(request, "routingConfiguration");
            }
            return null;
        }
        if (!routing.isArray()) {
            throw Wire.invalid("routingConfiguration", Json.write(routing));
        }
        List<StateMachineAlias.Route> routes = new ArrayList<>();
        for (JsonNode route : routing) {
            routes.add(new StateMachineAlias.Route(Wire.required(route, "stateMachineVersionArn"),
                    route.path("weight").asInt(-1)));
        }
        return routes;
    }

    private JsonNode createAlias(JsonNode request) {
        Wire.acceptOnly("CreateStateMachineAlias", request, Set.of("name", "description", "routingConfiguration"));
        StateMachineAlias alias = service.createStateMachineAlias(Wire.required(request, "name"),
                Wire.optional(request, "description"), routing(request, true));
        ObjectNode response = Json.object();
        response.put("stateMachineAliasArn", alias.arn());
        response.set("creationDate", Wire.timestamp(alias.creationDate()));
        return response;
    }

    private JsonNode describeAlias(JsonNode request) {
        Wire.acceptOnly("DescribeStateMachineAlias", request, Set.of("stateMachineAliasArn"));
        StateMachineAlias alias = service.describeStateMachineAlias(Wire.required(request, "stateMachineAliasArn"));
        ObjectNode response = Json.object();
        response.put("stateMachineAliasArn", alias.arn());
        response.put("name", alias.name());
        if (alias.description() != null) {
            response.put("description", alias.description());
        }
        ArrayNode routing = response.putArray("routingConfiguration");
        alias.routing().forEach(route -> routing.addObject().put("stateMachineVersionArn", route.versionArn())
                .put("weight", route.weight()));
        response.set("creationDate", Wire.timestamp(alias.creationDate()));
        response.set("updateDate", Wire.timestamp(alias.updateDate()));
        return response;
    }

    private JsonNode listAliases(JsonNode request) {
        Wire.acceptOnly("ListStateMachineAliases", request, Set.of("stateMachineArn", "maxResults", "nextToken"));
        Wire.Page<StateMachineAlias> page = Wire.page(service.listStateMachineAliases(
                Wire.required(request, "stateMachineArn")), request);
        ObjectNode response = Json.object();
        ArrayNode aliases = response.putArray("stateMachineAliases");
        for (StateMachineAlias alias : page.items()) {
            ObjectNode item = aliases.addObject();
            item.put("stateMachineAliasArn", alias.arn());
            item.set("creationDate", Wire.timestamp(alias.creationDate()));
        }
        page.addToken(response);
        return response;
    }

    private JsonNode updateAlias(JsonNode request) {
        Wire.acceptOnly("UpdateStateMachineAlias", request, Set.of("stateMachineAliasArn", "description",
                "routingConfiguration"));
        StateMachineAlias alias = service.updateStateMachineAlias(Wire.required(request, "stateMachineAliasArn"),
                Wire.optional(request, "description"), routing(request, false));
        ObjectNode response = Json.object();
        response.set("updateDate", Wire.timestamp(alias.updateDate()));
        return response;
    }

    private JsonNode deleteAlias(JsonNode request) {
        Wire.acceptOnly("DeleteStateMachineAlias", request, Set.of("stateMachineAliasArn"));
        service.deleteStateMachineAlias(Wire.required(request, "stateMachineAliasArn"));
        return Json.object();
    }

    private JsonNode tagResource(JsonNode request) {
        Wire.acceptOnly("TagResource", request, Set.of("resourceArn", "tags"));
        String arn = Wire.required(request, "resourceArn");
        if (!request.has("tags")) {
            Wire.required(request, "tags");
        }
        service.tagResource(arn, Wire.tags(request.get("tags")));
        return Json.object();
    }

    private JsonNode untagResource(JsonNode request) {
        Wire.acceptOnly("UntagResource", request, Set.of("resourceArn", "tagKeys"));
        service.untagResource(Wire.required(request, "resourceArn"), Wire.strings(request, "tagKeys"));
        return Json.object();
    }

    private JsonNode listTags(JsonNode request) {
        Wire.acceptOnly("ListTagsForResource", request, Set.of("resourceArn"));
        ObjectNode response = Json.object();
        response.set("tags", Wire.tagList(service.listTagsForResource(Wire.required(request, "resourceArn"))));
        return response;
    }

    private JsonNode validateDefinition(JsonNode request) {
        Wire.acceptOnly("ValidateStateMachineDefinition", request, Set.of("definition", "type", "severity",
                "maxResults"));
        String type = Wire.constant(request, "type", TYPES);
        String severity = Wire.constant(request, "severity", Set.of("ERROR", "WARNING"));
        int maxResults = request.path("maxResults").asInt(0);
        if (maxResults < 0 || maxResults > MAX_DIAGNOSTICS) {
            throw Wire.invalid("maxResults", Integer.toString(maxResults));
        }
        int limit = maxResults == 0 ? MAX_DIAGNOSTICS : maxResults;
        List<DefinitionProblem> problems = service.validateDefinition(Wire.required(request, "definition"),
                type == null ? StateMachineType.STANDARD : StateMachineType.valueOf(type));
        boolean warnings = "WARNING".equals(severity);
        List<DefinitionProblem> reported = problems.stream().filter(p -> warnings || p.isError()).toList();
        ObjectNode response = Json.object();
        response.put("result", problems.stream().anyMatch(DefinitionProblem::isError) ? "FAIL" : "OK");
        ArrayNode diagnostics = response.putArray("diagnostics");
        for (DefinitionProblem problem : reported.subList(0, Math.min(limit, reported.size()))) {
            ObjectNode diagnostic = diagnostics.addObject();
            diagnostic.put("severity", problem.severity().name());
            diagnostic.put("code", problem.code().name());
            diagnostic.put("message", problem.message());
            diagnostic.put("location", problem.location().isEmpty() ? "/" : problem.location());
        }
        response.put("truncated", reported.size() > limit);
        return response;
    }
}
