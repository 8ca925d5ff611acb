package dev.persona.local.stepfunctions.asl.definition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.Timestamps;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.DynamicValue;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.JsonPathSyntaxException;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.ChoiceRule;
import dev.persona.local.stepfunctions.asl.states.ChoiceState;
import dev.persona.local.stepfunctions.asl.states.ComparisonOperator;
import dev.persona.local.stepfunctions.asl.states.Condition;
import dev.persona.local.stepfunctions.asl.states.DataFlow;
import dev.persona.local.stepfunctions.asl.states.FailState;
import dev.persona.local.stepfunctions.asl.states.MapState;
import dev.persona.local.stepfunctions.asl.states.NumericSetting;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.PassState;
import dev.persona.local.stepfunctions.asl.states.Retrier;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;
import dev.persona.local.stepfunctions.asl.states.StateType;
import dev.persona.local.stepfunctions.asl.states.SucceedState;
import dev.persona.local.stepfunctions.asl.states.TaskState;
import dev.persona.local.stepfunctions.asl.states.WaitState;

/**
 * Reads a definition, checks it the way ValidateStateMachineDefinition does and compiles every path, template
 * and expression in it. All problems are collected, each with the JSON pointer of its field; a definition with
 * any problem is rejected as a whole.
 */
public final class DefinitionParser {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final int MAX_LABEL_LENGTH = 40;
    private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String RESERVED_VARIABLE = "states";

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of(
            "Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    private static final Set<String> MACHINE_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");
    private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> JSONPATH_IO = Set.of("InputPath", "OutputPath");
    private static final Map<StateType, Set<String>> FIELDS = Map.of(
            StateType.PASS, Set.of("Next", "End", "Assign"),
            StateType.TASK, Set.of("Next", "End", "Assign", "Resource", "Retry", "Catch", "TimeoutSeconds",
                    "HeartbeatSeconds", "Credentials"),
            StateType.CHOICE, Set.of("Choices", "Default", "Assign"),
            StateType.WAIT, Set.of("Next", "End", "Assign", "Seconds", "Timestamp"),
            StateType.SUCCEED, Set.of(),
            StateType.FAIL, Set.of("Error", "Cause"),
            StateType.PARALLEL, Set.of("Next", "End", "Assign", "Branches", "Retry", "Catch"),
            StateType.MAP, Set.of("Next", "End", "Assign", "ItemProcessor", "Iterator", "ItemReader",
                    "ItemSelector", "ItemBatcher", "ResultWriter", "MaxConcurrency", "ToleratedFailurePercentage",
                    "ToleratedFailureCount", "Label", "Retry", "Catch"));
    private static final Map<StateType, Set<String>> JSONPATH_FIELDS = Map.of(
            StateType.PASS, Set.of("InputPath", "OutputPath", "Parameters", "Result", "ResultPath"),
            StateType.TASK, Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                    "TimeoutSecondsPath", "HeartbeatSecondsPath"),
            StateType.CHOICE, JSONPATH_IO,
            StateType.WAIT, Set.of("InputPath", "OutputPath", "SecondsPath", "TimestampPath"),
            StateType.SUCCEED, JSONPATH_IO,
            StateType.FAIL, Set.of("ErrorPath", "CausePath"),
            StateType.PARALLEL, Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath"),
            StateType.MAP, Set.of("InputPath", "OutputPath", "ItemsPath", "Parameters", "ResultSelector",
                    "ResultPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
                    "ToleratedFailureCountPath"));
    private static final Map<StateType, Set<String>> JSONATA_FIELDS = Map.of(
            StateType.PASS, Set.of("Output"),
            StateType.TASK, Set.of("Arguments", "Output"),
            StateType.CHOICE, Set.of("Output"),
            StateType.WAIT, Set.of("Output"),
            StateType.SUCCEED, Set.of("Output"),
            StateType.FAIL, Set.of(),
            StateType.PARALLEL, Set.of("Arguments", "Output"),
            StateType.MAP, Set.of("Items", "Output"));
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output",
            "Assign", "Comment");

    /**
     * Checks a Task state's Resource against what can run it: empty when supported, else why not. The parser
     * only checks that a Resource is an ARN.
     */
    @FunctionalInterface
    public interface ResourceCheck {
        Optional<String> problem(String resource);
    }

    private final List<DefinitionProblem> problems = new ArrayList<>();
    private final ResourceCheck resourceCheck;

    private DefinitionParser(ResourceCheck resourceCheck) {
        this.resourceCheck = resourceCheck;
    }

    /** Parses and validates; throws {@link InvalidDefinitionException} listing every problem. */
    public static StateMachineDefinition parse(String definition, ResourceCheck resources) {
        DefinitionParser parser = new DefinitionParser(resources);
        StateMachineDefinition parsed = parser.parseText(definition);
        if (!parser.problems.isEmpty()) {
            throw new InvalidDefinitionException(parser.problems);
        }
        return parsed;
    }

    /** Every problem of {@code definition}; empty when it is valid. */
    public static List<DefinitionProblem> validate(String definition, ResourceCheck resources) {
        DefinitionParser parser = new DefinitionParser(resources);
        parser.parseText(definition);
        return List.copyOf(parser.problems);
    }

    /** Parses a single state, as TestState receives it (no Next or End needed). */
    public static State parseState(String name, String state, ResourceCheck resources) {
        DefinitionParser parser = new DefinitionParser(resources);
        JsonNode node = parser.readJson(state);
        State parsed = node == null ? null : parser.parseState(name, node, "", QueryLanguage.JSONPATH, true);
        if (!parser.problems.isEmpty()) {
            throw new InvalidDefinitionException(parser.problems);
        }
        return parsed;
    }

    private JsonNode readJson(String text) {
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                problem(Code.INVALID_JSON_DESCRIPTION, "The definition is empty", "");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problem(Code.INVALID_JSON_DESCRIPTION, e.getOriginalMessage(), "");
            return null;
        }
    }

    private StateMachineDefinition parseText(String text) {
        JsonNode root = readJson(text);
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "The definition must be a JSON object", "");
            return null;
        }
        Fields fields = new Fields((ObjectNode) root, "");
        fields.allowOnly(TOP_LEVEL_FIELDS);
        fields.string("Comment");
        String version = fields.string("Version");
        if (version != null && !version.equals("1.0")) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Version must be \"1.0\"", fields.pointer("Version"));
        }
        QueryLanguage language = queryLanguage(fields, QueryLanguage.JSONPATH, false);
        Long timeout = fields.integer("TimeoutSeconds", 1, MAX_TIMEOUT_SECONDS);
        StateMachine machine = parseMachine(fields, language);
        return new StateMachineDefinition(machine, timeout, language, root.path("Comment").asText(null));
    }

    private QueryLanguage queryLanguage(Fields fields, QueryLanguage inherited, boolean stateLevel) {
        String name = fields.string("QueryLanguage");
        if (name == null) {
            return inherited;
        }
        QueryLanguage language = QueryLanguage.fromWireName(name).orElse(null);
        if (language == null) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "QueryLanguage must be JSONPath or JSONata",
                    fields.pointer("QueryLanguage"));
            return inherited;
        }
        if (stateLevel && inherited == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A state cannot use JSONPath when the state machine's "
                    + "QueryLanguage is JSONata", fields.pointer("QueryLanguage"));
        }
        return language;
    }

    private StateMachine parseMachine(Fields fields, QueryLanguage language) {
        String startAt = fields.requiredString("StartAt");
        ObjectNode statesNode = fields.requiredObject("States");
        Map<String, State> states = new LinkedHashMap<>();
        if (statesNode != null) {
            if (statesNode.isEmpty()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "States must not be empty", fields.pointer("States"));
            }
            for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
                String pointer = fields.pointer("States") + "/" + escape(entry.getKey());
                State state = parseState(entry.getKey(), entry.getValue(), pointer, language, false);
                if (state != null) {
                    states.put(entry.getKey(), state);
                }
            }
        }
        if (startAt != null && statesNode != null && !statesNode.has(startAt)) {
            problem(Code.MISSING_TRANSITION_TARGET, "Missing 'StartAt' target: " + startAt, fields.pointer("StartAt"));
        }
        if (statesNode != null && !statesNode.isEmpty()) {
            checkGraph(startAt, states, statesNode, fields.pointer("States"));
        }
        return new StateMachine(startAt, states);
    }

    /** Transitions must name states of the same state machine; every state must be reachable; one must end it. */
    private void checkGraph(String startAt, Map<String, State> states, ObjectNode statesNode, String pointer) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        boolean terminal = false;
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            String statePointer = pointer + "/" + escape(entry.getKey());
            List<String> targets = new ArrayList<>();
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                continue;
            }
            addTarget(node.get("Next"), statePointer + "/Next", statesNode, targets);
            addTarget(node.get("Default"), statePointer + "/Default", statesNode, targets);
            JsonNode choices = node.get("Choices");
            if (choices != null && choices.isArray()) {
                for (int i = 0; i < choices.size(); i++) {
                    addTarget(choices.get(i).get("Next"), statePointer + "/Choices/" + i + "/Next", statesNode,
                            targets);
                }
            }
            JsonNode catchers = node.get("Catch");
            if (catchers != null && catchers.isArray()) {
                for (int i = 0; i < catchers.size(); i++) {
                    addTarget(catchers.get(i).get("Next"), statePointer + "/Catch/" + i + "/Next", statesNode,
                            targets);
                }
            }
            edges.put(entry.getKey(), targets);
            String type = node.path("Type").asText();
            if (node.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail")) {
                terminal = true;
            }
        }
        if (!terminal && !states.isEmpty()) {
            problem(Code.MISSING_END_STATE, "Workflow has no terminal state", pointer);
        }
        if (startAt == null || !statesNode.has(startAt)) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(startAt));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                pending.addAll(edges.getOrDefault(name, List.of()));
            }
        }
        for (String name : Json.names(statesNode)) {
            if (!reached.contains(name)) {
                problem(Code.UNREACHABLE_STATE, "State \"" + name + "\" is not reachable.",
                        pointer + "/" + escape(name));
            }
        }
    }

    private void addTarget(JsonNode target, String pointer, ObjectNode statesNode, List<String> targets) {
        if (target == null || !target.isTextual()) {
            return;
        }
        if (statesNode.has(target.textValue())) {
            targets.add(target.textValue());
        } else {
            problem(Code.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + target.textValue(), pointer);
        }
    }

    private State parseState(String name, JsonNode node, String pointer, QueryLanguage inherited,
                             boolean standalone) {
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "State names must be at most " + MAX_STATE_NAME_LENGTH
                    + " characters long", pointer);
        }
        if (!node.isObject()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A state must be a JSON object", pointer);
            return null;
        }
        Fields fields = new Fields((ObjectNode) node, pointer);
        String typeName = fields.requiredString("Type");
        if (typeName == null) {
            return null;
        }
        StateType type = StateType.fromWireName(typeName).orElse(null);
        if (type == null) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Unknown state type " + typeName, fields.pointer("Type"));
            return null;
        }
        QueryLanguage language = queryLanguage(fields, inherited, true);
        Set<String> allowed = new HashSet<>(COMMON_FIELDS);
        allowed.addAll(FIELDS.get(type));
        Set<String> otherLanguage = language == QueryLanguage.JSONATA ? JSONPATH_FIELDS.get(type)
                : JSONATA_FIELDS.get(type);
        allowed.addAll(language == QueryLanguage.JSONATA ? JSONATA_FIELDS.get(type) : JSONPATH_FIELDS.get(type));
        for (String field : fields.names()) {
            if (otherLanguage.contains(field)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "The field '" + field + "' is not supported when the "
                        + "QueryLanguage is " + language.wireName(), fields.pointer(field));
            } else if (!allowed.contains(field)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Field '" + field + "' is not supported by " + typeName
                        + " states", fields.pointer(field));
            }
        }
        fields.string("Comment");
        String next = transition(fields, type, standalone);
        DataFlow dataFlow = dataFlow(fields, type, language);
        State.Header header = new State.Header(name, language, next, dataFlow);
        return switch (type) {
            case PASS -> new PassState(header, language == QueryLanguage.JSONPATH ? fields.node.get("Result") : null);
            case TASK -> task(fields, header, language);
            case CHOICE -> choice(fields, header, language);
            case WAIT -> waitState(fields, header, language);
            case SUCCEED -> new SucceedState(header);
            case FAIL -> fail(fields, header, language);
            case PARALLEL -> parallel(fields, header, language);
            case MAP -> map(fields, header, language);
        };
    }

    /** Next or End for the types that need one of them; none for Choice, Succeed and Fail. */
    private String transition(Fields fields, StateType type, boolean standalone) {
        if (type == StateType.CHOICE || type == StateType.SUCCEED || type == StateType.FAIL) {
            return null;
        }
        String next = fields.string("Next");
        Boolean end = fields.bool("End");
        if (next != null && end != null) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A state cannot have both Next and End", fields.pointer("End"));
        } else if (next == null && !Boolean.TRUE.equals(end) && !standalone) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A " + type.wireName() + " state must have Next or \"End\": true",
                    fields.pointer);
        } else if (Boolean.FALSE.equals(end)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "End must be true when present", fields.pointer("End"));
        }
        return next;
    }

    private DataFlow dataFlow(Fields fields, StateType type, QueryLanguage language) {
        Assignment assign = assignment(fields, "Assign", language);
        if (language == QueryLanguage.JSONATA) {
            JsonataTemplate arguments = fields.has("Arguments") ? jsonata(fields, "Arguments") : null;
            JsonataTemplate output = fields.has("Output") ? jsonata(fields, "Output") : null;
            return new DataFlow(null, null, null, null, null, arguments, output, assign);
        }
        JsonPath inputPath = ioPath(fields, "InputPath");
        JsonPath outputPath = ioPath(fields, "OutputPath");
        PayloadTemplate parameters = type == StateType.MAP ? null : template(fields, "Parameters");
        PayloadTemplate resultSelector = template(fields, "ResultSelector");
        JsonPath resultPath = resultPath(fields, "ResultPath");
        return new DataFlow(inputPath, parameters, resultSelector, resultPath, outputPath, null, null, assign);
    }

    private JsonPath ioPath(Fields fields, String name) {
        if (!fields.has(name)) {
            return JsonPath.parse("$");
        }
        JsonNode value = fields.node.get(name);
        if (value.isNull()) {
            return null;
        }
        return path(fields, name);
    }

    private JsonPath resultPath(Fields fields, String name) {
        if (!fields.has(name)) {
            return JsonPath.parse("$");
        }
        if (fields.node.get(name).isNull()) {
            return null;
        }
        JsonPath path = path(fields, name);
        if (path != null && (path.root() != JsonPath.Root.INPUT || !path.isReferencePath())) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "The value for the field '" + name + "' must be a valid "
                    + "reference path", fields.pointer(name));
            return JsonPath.parse("$");
        }
        return path;
    }

    private JsonPath path(Fields fields, String name) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        try {
            return JsonPath.parse(text);
        } catch (JsonPathSyntaxException e) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "The value for the field '" + name + "' must be a valid JSONPath: "
                    + e.getMessage(), fields.pointer(name));
            return null;
        }
    }

    private PayloadTemplate template(Fields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        String base = fields.pointer(name);
        return PayloadTemplate.compile(fields.node.get(name),
                (pointer, message) -> problem(Code.SCHEMA_VALIDATION_FAILED, message, base + pointer));
    }

    private JsonataTemplate jsonata(Fields fields, String name) {
        String base = fields.pointer(name);
        return JsonataTemplate.compile(fields.node.get(name), name,
                (pointer, message) -> problem(Code.SCHEMA_VALIDATION_FAILED, message, base + pointer));
    }

    private Assignment assignment(Fields fields, String name, QueryLanguage language) {
        ObjectNode assign = fields.object(name);
        if (assign == null) {
            return null;
        }
        for (String key : Json.names(assign)) {
            String variable = language == QueryLanguage.JSONPATH && key.endsWith(".$")
                    ? key.substring(0, key.length() - 2) : key;
            if (!VARIABLE_NAME.matcher(variable).matches() || variable.equals(RESERVED_VARIABLE)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "'" + variable + "' is not a valid variable name",
                        fields.pointer(name) + "/" + escape(key));
            }
        }
        return language == QueryLanguage.JSONATA ? Assignment.ofExpressions(jsonata(fields, name))
                : Assignment.ofPaths(template(fields, name));
    }

    private TaskState task(Fields fields, State.Header header, QueryLanguage language) {
        String resource = fields.requiredString("Resource");
        if (resource != null) {
            resourceCheck.problem(resource).ifPresent(message ->
                    problem(Code.INVALID_RESOURCE, message, fields.pointer("Resource")));
        }
        NumericSetting timeout = numeric(fields, "TimeoutSeconds", language, 1, MAX_TIMEOUT_SECONDS);
        NumericSetting heartbeat = numeric(fields, "HeartbeatSeconds", language, 1, MAX_TIMEOUT_SECONDS);
        if (timeout.literal() != null && heartbeat.literal() != null
                && heartbeat.literal().compareTo(timeout.literal()) >= 0) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "HeartbeatSeconds must be smaller than TimeoutSeconds",
                    fields.pointer("HeartbeatSeconds"));
        }
        return new TaskState(header, resource, timeout, heartbeat, retriers(fields), catchers(fields, language));
    }

    /** A number given as literal, as {@code <field>Path} (JSONPath) or as an expression (JSONata). */
    private NumericSetting numeric(Fields fields, String name, QueryLanguage language, long min, long max) {
        String pathName = name + "Path";
        if (fields.has(name) && fields.has(pathName)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Only one of " + name + " and " + pathName + " may be given",
                    fields.pointer(pathName));
        }
        if (fields.has(pathName)) {
            return new NumericSetting(name, null, path(fields, pathName), null);
        }
        if (!fields.has(name)) {
            return NumericSetting.absent(name);
        }
        JsonNode value = fields.node.get(name);
        if (language == QueryLanguage.JSONATA && JsonataTemplate.isExpression(value)) {
            return new NumericSetting(name, null, null, jsonata(fields, name));
        }
        BigDecimal number = fields.number(name);
        if (number != null && (number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, name + " must be between " + min + " and " + max,
                    fields.pointer(name));
        }
        return new NumericSetting(name, number, null, null);
    }

    private List<Retrier> retriers(Fields fields) {
        ArrayNode retry = fields.array("Retry");
        List<Retrier> retriers = new ArrayList<>();
        if (retry == null) {
            return retriers;
        }
        for (int i = 0; i < retry.size(); i++) {
            String pointer = fields.pointer("Retry") + "/" + i;
            if (!retry.get(i).isObject()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "A retrier must be a JSON object", pointer);
                continue;
            }
            Fields retrier = new Fields((ObjectNode) retry.get(i), pointer);
            retrier.allowOnly(RETRIER_FIELDS);
            retrier.string("Comment");
            List<String> errors = errorEquals(retrier, i == retry.size() - 1);
            Long interval = retrier.integer("IntervalSeconds", 1, MAX_TIMEOUT_SECONDS);
            Long maxAttempts = retrier.integer("MaxAttempts", 0, Integer.MAX_VALUE);
            BigDecimal backoff = retrier.number("BackoffRate");
            if (backoff != null && backoff.compareTo(BigDecimal.ONE) < 0) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "BackoffRate must be at least 1.0", retrier.pointer("BackoffRate"));
            }
            Long maxDelay = retrier.integer("MaxDelaySeconds", 1, 31_622_400);
            String jitter = retrier.string("JitterStrategy");
            Retrier.JitterStrategy strategy = Retrier.JitterStrategy.NONE;
            if (jitter != null) {
                try {
                    strategy = Retrier.JitterStrategy.valueOf(jitter);
                } catch (IllegalArgumentException e) {
                    problem(Code.SCHEMA_VALIDATION_FAILED, "JitterStrategy must be FULL or NONE",
                            retrier.pointer("JitterStrategy"));
                }
            }
            retriers.add(new Retrier(errors,
                    interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval.intValue(),
                    maxAttempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : maxAttempts.intValue(),
                    backoff == null ? Retrier.DEFAULT_BACKOFF_RATE : backoff.doubleValue(),
                    maxDelay == null ? null : maxDelay.intValue(), strategy));
        }
        return retriers;
    }

    private List<Catcher> catchers(Fields fields, QueryLanguage language) {
        ArrayNode catchNode = fields.array("Catch");
        List<Catcher> catchers = new ArrayList<>();
        if (catchNode == null) {
            return catchers;
        }
        for (int i = 0; i < catchNode.size(); i++) {
            String pointer = fields.pointer("Catch") + "/" + i;
            if (!catchNode.get(i).isObject()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "A catcher must be a JSON object", pointer);
                continue;
            }
            Fields catcher = new Fields((ObjectNode) catchNode.get(i), pointer);
            Set<String> allowed = new HashSet<>(CATCHER_FIELDS);
            allowed.remove(language == QueryLanguage.JSONATA ? "ResultPath" : "Output");
            catcher.allowOnly(allowed);
            catcher.string("Comment");
            List<String> errors = errorEquals(catcher, i == catchNode.size() - 1);
            String next = catcher.requiredString("Next");
            JsonPath resultPath = language == QueryLanguage.JSONPATH ? resultPath(catcher, "ResultPath") : null;
            JsonataTemplate output = language == QueryLanguage.JSONATA && catcher.has("Output")
                    ? jsonata(catcher, "Output") : null;
            catchers.add(new Catcher(errors, next, resultPath, output, assignment(catcher, "Assign", language)));
        }
        return catchers;
    }

    /** ErrorEquals: a non-empty list of names; States.ALL must be alone and in the last entry. */
    private List<String> errorEquals(Fields fields, boolean last) {
        ArrayNode names = fields.array("ErrorEquals");
        if (names == null) {
            if (!fields.has("ErrorEquals")) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [ErrorEquals]", fields.pointer);
            }
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode name : names) {
            if (name.isTextual()) {
                errors.add(name.textValue());
            } else {
                problem(Code.SCHEMA_VALIDATION_FAILED, "ErrorEquals must contain strings", fields.pointer("ErrorEquals"));
            }
        }
        if (errors.isEmpty()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "ErrorEquals must not be empty", fields.pointer("ErrorEquals"));
        }
        if (errors.contains(StatesError.ALL.errorName()) && (errors.size() > 1 || !last)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "States.ALL must appear alone in the last ErrorEquals",
                    fields.pointer("ErrorEquals"));
        }
        return List.copyOf(errors);
    }

    private ChoiceState choice(Fields fields, State.Header header, QueryLanguage language) {
        ArrayNode choicesNode = fields.array("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choicesNode == null) {
            if (!fields.has("Choices")) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [Choices]", fields.pointer);
            }
        } else {
            if (choicesNode.isEmpty()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Choices must not be empty", fields.pointer("Choices"));
            }
            for (int i = 0; i < choicesNode.size(); i++) {
                ChoiceRule rule = choiceRule(choicesNode.get(i), fields.pointer("Choices") + "/" + i, language);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return new ChoiceState(header, rules, fields.string("Default"));
    }

    private ChoiceRule choiceRule(JsonNode node, String pointer, QueryLanguage language) {
        if (!node.isObject()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A choice rule must be a JSON object", pointer);
            return null;
        }
        Fields fields = new Fields((ObjectNode) node, pointer);
        String next = fields.requiredString("Next");
        Assignment assign = assignment(fields, "Assign", language);
        if (language == QueryLanguage.JSONATA) {
            fields.allowOnly(Set.of("Condition", "Next", "Assign", "Output", "Comment"));
            JsonataTemplate output = fields.has("Output") ? jsonata(fields, "Output") : null;
            if (!fields.has("Condition")) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [Condition]", pointer);
                return null;
            }
            JsonNode condition = fields.node.get("Condition");
            if (!condition.isBoolean() && !JsonataTemplate.isExpression(condition)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Condition must be a boolean or a JSONata expression",
                        fields.pointer("Condition"));
            }
            return new ChoiceRule(new Condition.Jsonata(jsonata(fields, "Condition")), next, assign, output);
        }
        Condition condition = condition(fields, true);
        return condition == null ? null : new ChoiceRule(condition, next, assign, null);
    }

    private Condition condition(Fields fields, boolean topLevel) {
        Set<String> allowed = new HashSet<>(Set.of("Variable", "And", "Or", "Not", "Comment"));
        if (topLevel) {
            allowed.addAll(Set.of("Next", "Assign"));
        }
        List<String> operators = new ArrayList<>();
        for (String field : fields.names()) {
            if (ComparisonOperator.fromField(field).isPresent()) {
                operators.add(field);
            } else if (!allowed.contains(field)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Field '" + field + "' is not supported in a choice rule",
                        fields.pointer(field));
            }
        }
        fields.string("Comment");
        if (fields.has("And") || fields.has("Or")) {
            String name = fields.has("And") ? "And" : "Or";
            ArrayNode operands = fields.array(name);
            List<Condition> conditions = new ArrayList<>();
            if (operands != null) {
                if (operands.isEmpty()) {
                    problem(Code.SCHEMA_VALIDATION_FAILED, name + " must not be empty", fields.pointer(name));
                }
                for (int i = 0; i < operands.size(); i++) {
                    Condition operand = nestedCondition(operands.get(i), fields.pointer(name) + "/" + i);
                    if (operand != null) {
                        conditions.add(operand);
                    }
                }
            }
            return name.equals("And") ? new Condition.And(conditions) : new Condition.Or(conditions);
        }
        if (fields.has("Not")) {
            Condition operand = nestedCondition(fields.node.get("Not"), fields.pointer("Not"));
            return operand == null ? null : new Condition.Not(operand);
        }
        if (operators.size() != 1) {
            problem(Code.SCHEMA_VALIDATION_FAILED, operators.isEmpty()
                    ? "A choice rule needs a comparison operator, And, Or or Not"
                    : "A choice rule must have exactly one comparison operator: " + operators, fields.pointer);
            return null;
        }
        JsonPath variable = fields.has("Variable") ? path(fields, "Variable") : null;
        if (!fields.has("Variable")) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [Variable]", fields.pointer);
        }
        String field = operators.getFirst();
        ComparisonOperator.Named named = ComparisonOperator.fromField(field).orElseThrow();
        if (named.path()) {
            JsonPath expectedPath = path(fields, field);
            return variable == null || expectedPath == null ? null
                    : new Condition.Comparison(variable, named.operator(), null, expectedPath);
        }
        JsonNode expected = fields.node.get(field);
        if (!named.operator().acceptsLiteral(expected)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "The value of " + field + " has the wrong type: "
                    + Json.write(expected), fields.pointer(field));
            return null;
        }
        return variable == null ? null : new Condition.Comparison(variable, named.operator(), expected, null);
    }

    private Condition nestedCondition(JsonNode node, String pointer) {
        if (!node.isObject()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A choice rule must be a JSON object", pointer);
            return null;
        }
        return condition(new Fields((ObjectNode) node, pointer), false);
    }

    private WaitState waitState(Fields fields, State.Header header, QueryLanguage language) {
        List<String> given = fields.names().stream()
                .filter(Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")::contains).toList();
        if (given.size() != 1) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "A Wait state needs exactly one of Seconds, SecondsPath, Timestamp "
                    + "and TimestampPath", fields.pointer);
            return new WaitState(header, 0L, null, null, null, null, null);
        }
        JsonNode value = fields.node.get(given.getFirst());
        boolean expression = language == QueryLanguage.JSONATA && JsonataTemplate.isExpression(value);
        return switch (given.getFirst()) {
            case "Seconds" -> expression
                    ? new WaitState(header, null, null, jsonata(fields, "Seconds"), null, null, null)
                    : new WaitState(header, fields.integer("Seconds", 0, WaitState.MAX_SECONDS), null, null, null,
                    null, null);
            case "SecondsPath" -> new WaitState(header, null, path(fields, "SecondsPath"), null, null, null, null);
            case "Timestamp" -> expression
                    ? new WaitState(header, null, null, null, null, null, jsonata(fields, "Timestamp"))
                    : new WaitState(header, null, null, null, timestamp(fields), null, null);
            default -> new WaitState(header, null, null, null, null, path(fields, "TimestampPath"), null);
        };
    }

    private Instant timestamp(Fields fields) {
        String text = fields.string("Timestamp");
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text).orElseGet(() -> {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Timestamp must be an ISO-8601 extended offset date-time: "
                    + text, fields.pointer("Timestamp"));
            return null;
        });
    }

    private FailState fail(Fields fields, State.Header header, QueryLanguage language) {
        exclusive(fields, "Error", "ErrorPath");
        exclusive(fields, "Cause", "CausePath");
        if (language == QueryLanguage.JSONATA) {
            return new FailState(header, null, null, null, null, failText(fields, "Error"), failText(fields, "Cause"));
        }
        return new FailState(header, fields.string("Error"), fields.string("Cause"),
                dynamic(fields, "ErrorPath"), dynamic(fields, "CausePath"), null, null);
    }

    private JsonataTemplate failText(Fields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        fields.string(name);
        return jsonata(fields, name);
    }

    private DynamicValue dynamic(Fields fields, String name) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        try {
            return DynamicValue.compile(text, name);
        } catch (JsonPathSyntaxException e) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "The value for the field '" + name + "' must be a valid JSONPath "
                    + "or a valid intrinsic function call: " + e.getMessage(), fields.pointer(name));
            return null;
        }
    }

    private void exclusive(Fields fields, String literal, String path) {
        if (fields.has(literal) && fields.has(path)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Only one of " + literal + " and " + path + " may be given",
                    fields.pointer(path));
        }
    }

    private ParallelState parallel(Fields fields, State.Header header, QueryLanguage language) {
        ArrayNode branchNodes = fields.array("Branches");
        List<StateMachine> branches = new ArrayList<>();
        if (branchNodes == null) {
            if (!fields.has("Branches")) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [Branches]", fields.pointer);
            }
        } else {
            if (branchNodes.isEmpty()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Branches must not be empty", fields.pointer("Branches"));
            }
            for (int i = 0; i < branchNodes.size(); i++) {
                String pointer = fields.pointer("Branches") + "/" + i;
                if (!branchNodes.get(i).isObject()) {
                    problem(Code.SCHEMA_VALIDATION_FAILED, "A branch must be a JSON object", pointer);
                    continue;
                }
                Fields branch = new Fields((ObjectNode) branchNodes.get(i), pointer);
                branch.allowOnly(Set.of("Comment", "StartAt", "States"));
                branches.add(parseMachine(branch, language));
            }
        }
        return new ParallelState(header, branches, retriers(fields), catchers(fields, language));
    }

    private MapState map(Fields fields, State.Header header, QueryLanguage language) {
        for (String unsupported : List.of("ItemReader", "ResultWriter")) {
            if (fields.has(unsupported)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, unsupported + " is not supported by the local Step Functions "
                        + "(Map states read their items from the state input)", fields.pointer(unsupported));
            }
        }
        exclusive(fields, "ItemProcessor", "Iterator");
        String processorField = fields.has("Iterator") ? "Iterator" : "ItemProcessor";
        ObjectNode processorNode = fields.object(processorField);
        StateMachine processor = null;
        MapState.ProcessorMode mode = MapState.ProcessorMode.INLINE;
        String executionType = null;
        if (processorNode == null) {
            if (!fields.has(processorField)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [ItemProcessor]", fields.pointer);
            }
        } else {
            Fields processorFields = new Fields(processorNode, fields.pointer(processorField));
            processorFields.allowOnly(MACHINE_FIELDS);
            ObjectNode config = processorFields.object("ProcessorConfig");
            if (config != null) {
                Fields configFields = new Fields(config, processorFields.pointer("ProcessorConfig"));
                configFields.allowOnly(Set.of("Mode", "ExecutionType"));
                String modeName = configFields.string("Mode");
                if (modeName != null) {
                    try {
                        mode = MapState.ProcessorMode.valueOf(modeName);
                    } catch (IllegalArgumentException e) {
                        problem(Code.SCHEMA_VALIDATION_FAILED, "Mode must be INLINE or DISTRIBUTED",
                                configFields.pointer("Mode"));
                    }
                }
                executionType = configFields.string("ExecutionType");
                if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType)) {
                    problem(Code.SCHEMA_VALIDATION_FAILED, "ExecutionType must be STANDARD or EXPRESS",
                            configFields.pointer("ExecutionType"));
                }
            }
            processor = parseMachine(processorFields, language);
        }
        exclusive(fields, "ItemSelector", "Parameters");
        String selectorField = fields.has("Parameters") ? "Parameters" : "ItemSelector";
        PayloadTemplate itemSelector = language == QueryLanguage.JSONPATH ? template(fields, selectorField) : null;
        JsonataTemplate itemSelectorExpressions = language == QueryLanguage.JSONATA && fields.has("ItemSelector")
                ? jsonata(fields, "ItemSelector") : null;
        JsonPath itemsPath = language == QueryLanguage.JSONPATH ? ioPathOrRoot(fields, "ItemsPath") : null;
        JsonataTemplate items = null;
        if (language == QueryLanguage.JSONATA && fields.has("Items")) {
            JsonNode value = fields.node.get("Items");
            if (!value.isArray() && !JsonataTemplate.isExpression(value)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Items must be an array or a JSONata expression",
                        fields.pointer("Items"));
            }
            items = jsonata(fields, "Items");
        }
        MapState.ItemBatcher batcher = itemBatcher(fields, language, mode);
        String label = fields.string("Label");
        if (label != null && (mode != MapState.ProcessorMode.DISTRIBUTED || label.length() > MAX_LABEL_LENGTH)) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "Label is only allowed in DISTRIBUTED mode and must be at most "
                    + MAX_LABEL_LENGTH + " characters long", fields.pointer("Label"));
        }
        MapState.Settings settings = new MapState.Settings(processor, mode, itemsPath, items, itemSelector,
                itemSelectorExpressions, batcher,
                numeric(fields, "MaxConcurrency", language, 0, Integer.MAX_VALUE),
                numeric(fields, "ToleratedFailureCount", language, 0, Integer.MAX_VALUE),
                numeric(fields, "ToleratedFailurePercentage", language, 0, 100),
                label, executionType);
        return new MapState(header, settings, retriers(fields), catchers(fields, language));
    }

    private JsonPath ioPathOrRoot(Fields fields, String name) {
        JsonPath path = fields.has(name) ? path(fields, name) : null;
        return path == null ? JsonPath.parse("$") : path;
    }

    private MapState.ItemBatcher itemBatcher(Fields fields, QueryLanguage language, MapState.ProcessorMode mode) {
        ObjectNode node = fields.object("ItemBatcher");
        if (node == null) {
            return null;
        }
        if (mode != MapState.ProcessorMode.DISTRIBUTED) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "ItemBatcher is only allowed in DISTRIBUTED mode",
                    fields.pointer("ItemBatcher"));
        }
        Fields batcher = new Fields(node, fields.pointer("ItemBatcher"));
        batcher.allowOnly(language == QueryLanguage.JSONATA
                ? Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput")
                : Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"));
        NumericSetting maxItems = numeric(batcher, "MaxItemsPerBatch", language, 1, Integer.MAX_VALUE);
        NumericSetting maxBytes = numeric(batcher, "MaxInputBytesPerBatch", language, 1, 262_144);
        if (!maxItems.isPresent() && !maxBytes.isPresent()) {
            problem(Code.SCHEMA_VALIDATION_FAILED, "ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch",
                    batcher.pointer);
        }
        PayloadTemplate batchInput = language == QueryLanguage.JSONPATH ? template(batcher, "BatchInput") : null;
        JsonataTemplate batchInputExpressions = language == QueryLanguage.JSONATA && batcher.has("BatchInput")
                ? jsonata(batcher, "BatchInput") : null;
        return new MapState.ItemBatcher(maxItems, maxBytes, batchInput, batchInputExpressions);
    }

    private void problem(Code code, String message, String location) {
        problems.add(new DefinitionProblem(code, message, location));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Typed access to the fields of one object, reporting wrong types as problems. */
    private final class Fields {
        private final ObjectNode node;
        private final String pointer;

        Fields(ObjectNode node, String pointer) {
            this.node = node;
            this.pointer = pointer;
        }

        String pointer(String name) {
            return pointer + "/" + escape(name);
        }

        boolean has(String name) {
            return node.has(name);
        }

        List<String> names() {
            return Json.names(node);
        }

        void allowOnly(Set<String> allowed) {
            for (String name : Json.names(node)) {
                if (!allowed.contains(name)) {
                    problem(Code.SCHEMA_VALIDATION_FAILED, "Field '" + name + "' is not supported", pointer(name));
                }
            }
        }

        String string(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type String", pointer(name));
                return null;
            }
            return value.textValue();
        }

        String requiredString(String name) {
            if (!node.has(name)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [" + name + "]", pointer);
                return null;
            }
            return string(name);
        }

        Boolean bool(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type Boolean", pointer(name));
                return null;
            }
            return value.booleanValue();
        }

        BigDecimal number(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type Number", pointer(name));
                return null;
            }
            return value.decimalValue();
        }

        Long integer(String name, long min, long max) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type Integer", pointer(name));
                return null;
            }
            long number = value.longValue();
            if (number < min || number > max) {
                problem(Code.SCHEMA_VALIDATION_FAILED, name + " must be between " + min + " and " + max,
                        pointer(name));
                return null;
            }
            return number;
        }

        ObjectNode object(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type Object", pointer(name));
                return null;
            }
            return (ObjectNode) value;
        }

        ObjectNode requiredObject(String name) {
            if (!node.has(name)) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "These fields are required: [" + name + "]", pointer);
                return null;
            }
            return object(name);
        }

        ArrayNode array(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                problem(Code.SCHEMA_VALIDATION_FAILED, "Expected value of type Array", pointer(name));
                return null;
            }
            return (ArrayNode) value;
        }
    }
}
