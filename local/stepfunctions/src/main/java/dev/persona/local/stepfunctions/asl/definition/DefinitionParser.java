package dev.persona.local.stepfunctions.asl.definition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;
import dev.persona.local.stepfunctions.asl.states.MapState;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;

/**
 * Reads a definition, checks it the way ValidateStateMachineDefinition does and compiles every path, template and
 * expression in it. All problems are collected, each with its AWS diagnostic code and the JSON pointer of its
 * field; a definition with any error is rejected as a whole. States are read by {@link StateParser}; this class
 * reads the top level and each (nested) state machine, and checks what spans states: transitions, reachability,
 * a terminal state, state names unique across the whole definition, and Map Run labels.
 */
public final class DefinitionParser {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of(
            "Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");

    /**
     * Checks a Task state's Resource (or an ItemReader's or ResultWriter's) against what can run it: empty when
     * supported, else why not. The parser itself only checks the form of what it reads.
     */
    @FunctionalInterface
    public interface ResourceCheck {
        Optional<String> problem(String resource);
    }

    /** Reads a nested state machine: a Parallel branch or a Map's item processor. */
    @FunctionalInterface
    interface NestedMachines {
        StateMachine parse(Fields fields, QueryLanguage language);
    }

    private final Problems problems = new Problems();
    private final StateParser states;
    private final Map<String, List<String>> stateNames = new LinkedHashMap<>();

    private DefinitionParser(ResourceCheck resourceCheck, boolean express) {
        this.states = new StateParser(problems, resourceCheck, this::parseMachine, express);
    }

    /** Parses and validates; throws {@link InvalidDefinitionException} listing every error. */
    public static StateMachineDefinition parse(String definition, ResourceCheck resources) {
        DefinitionParser parser = new DefinitionParser(resources, false);
        StateMachineDefinition parsed = parser.parseText(definition);
        if (!parser.problems.errors().isEmpty()) {
            throw new InvalidDefinitionException(parser.problems.errors());
        }
        return parsed;
    }

    /** Every problem of {@code definition}, warnings included; no errors when it is valid. */
    public static List<DefinitionProblem> validate(String definition, ResourceCheck resources) {
        return validate(definition, resources, false);
    }

    /** Like {@link #validate(String, ResourceCheck)} for a state machine of the EXPRESS type when {@code express}. */
    public static List<DefinitionProblem> validate(String definition, ResourceCheck resources, boolean express) {
        DefinitionParser parser = new DefinitionParser(resources, express);
        parser.parseText(definition);
        return parser.problems.all();
    }

    /** Parses a single state, as TestState receives it (no Next or End needed). */
    public static State parseState(String name, String state, ResourceCheck resources) {
        DefinitionParser parser = new DefinitionParser(resources, false);
        JsonNode node = parser.readJson(state);
        State parsed = node == null ? null : parser.states.parse(name, node, "", QueryLanguage.JSONPATH, true);
        if (!parser.problems.errors().isEmpty()) {
            throw new InvalidDefinitionException(parser.problems.errors());
        }
        return parsed;
    }

    private JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            problems.add(Code.MISSING_DESCRIPTION, "The definition is empty", "");
            return null;
        }
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                problems.add(Code.MISSING_DESCRIPTION, "The definition is empty", "");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problems.add(Code.INVALID_JSON_DESCRIPTION, e.getOriginalMessage(), "");
            return null;
        }
    }

    private StateMachineDefinition parseText(String text) {
        JsonNode root = readJson(text);
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problems.schema("The definition must be a JSON object", "");
            return null;
        }
        Fields fields = new Fields((ObjectNode) root, "", problems);
        fields.allowOnly(TOP_LEVEL_FIELDS);
        fields.string("Comment");
        String version = fields.string("Version");
        if (version != null && !version.equals("1.0")) {
            problems.schema("Version must be \"1.0\"", fields.pointer("Version"));
        }
        QueryLanguage language = states.queryLanguage(fields, QueryLanguage.JSONPATH, false);
        Long timeout = fields.integer("TimeoutSeconds", 1, MAX_TIMEOUT_SECONDS);
        StateMachine machine = parseMachine(fields, language);
        checkUniqueNames();
        checkLabels(machine, fields.pointer);
        return new StateMachineDefinition(machine, timeout, language, root.path("Comment").asText(null));
    }

    private StateMachine parseMachine(Fields fields, QueryLanguage language) {
        String startAt = fields.requiredString("StartAt");
        ObjectNode statesNode = fields.requiredObject("States");
        Map<String, State> parsed = new LinkedHashMap<>();
        if (statesNode != null) {
            if (statesNode.isEmpty()) {
                problems.schema("States must not be empty", fields.pointer("States"));
            }
            for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
                String pointer = fields.pointer("States") + "/" + Problems.escape(entry.getKey());
                checkStateName(entry.getKey(), pointer);
                State state = states.parse(entry.getKey(), entry.getValue(), pointer, language, false);
                if (state != null) {
                    parsed.put(entry.getKey(), state);
                }
            }
        }
        if (startAt != null && statesNode != null && !statesNode.has(startAt)) {
            problems.add(Code.MISSING_TRANSITION_TARGET, "Missing 'StartAt' target: " + startAt,
                    fields.pointer("StartAt"));
        }
        if (statesNode != null && !statesNode.isEmpty()) {
            checkGraph(startAt, parsed, statesNode, fields.pointer("States"));
        }
        return new StateMachine(startAt, parsed);
    }

    private void checkStateName(String name, String pointer) {
        stateNames.computeIfAbsent(name, key -> new ArrayList<>()).add(pointer);
        if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
            problems.add(Code.INVALID_STATE_NAME, "State names must be 1 to " + MAX_STATE_NAME_LENGTH
                    + " characters long", pointer);
        }
    }

    /** State names are unique across the whole definition, branches and item processors included. */
    private void checkUniqueNames() {
        stateNames.forEach((name, pointers) -> {
            for (int i = 1; i < pointers.size(); i++) {
                problems.add(Code.DUPLICATE_STATE_NAME, "Duplicate State name: " + name, pointers.get(i));
            }
        });
    }

    /** Map Run labels are unique within the definition. */
    private void checkLabels(StateMachine machine, String pointer) {
        Map<String, String> seen = new HashMap<>();
        Deque<StateMachine> pending = new ArrayDeque<>();
        if (machine != null) {
            pending.add(machine);
        }
        while (!pending.isEmpty()) {
            for (State state : pending.pop().states().values()) {
                if (state instanceof MapState map) {
                    if (map.label() != null && seen.put(map.label(), map.name()) != null) {
                        problems.add(Code.DUPLICATE_LABEL_NAME, "Duplicate Label name: " + map.label(),
                                labelPointer(map.name()));
                    }
                    if (map.processor() != null) {
                        pending.add(map.processor());
                    }
                } else if (state instanceof ParallelState parallel) {
                    pending.addAll(parallel.branches());
                }
            }
        }
    }

    private String labelPointer(String stateName) {
        List<String> pointers = stateNames.get(stateName);
        return (pointers == null ? "" : pointers.getFirst()) + "/Label";
    }

    /**
     * Transitions must name states of the same state machine; every state must be reachable from StartAt; one
     * state must end the machine. AWS reports an unreachable state as MISSING_TRANSITION_TARGET.
     */
    private void checkGraph(String startAt, Map<String, State> parsed, ObjectNode statesNode, String pointer) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        boolean terminal = false;
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            String statePointer = pointer + "/" + Problems.escape(entry.getKey());
            List<String> targets = new ArrayList<>();
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                continue;
            }
            addTarget(node.get("Next"), statePointer + "/Next", statesNode, targets);
            addTarget(node.get("Default"), statePointer + "/Default", statesNode, targets);
            addTargets(node.get("Choices"), statePointer + "/Choices/", statesNode, targets);
            addTargets(node.get("Catch"), statePointer + "/Catch/", statesNode, targets);
            edges.put(entry.getKey(), targets);
            String type = node.path("Type").asText();
            if (node.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail")) {
                terminal = true;
            }
        }
        if (!terminal && !parsed.isEmpty()) {
            problems.add(Code.MISSING_END_STATE, "Workflow has no terminal state", pointer);
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
                problems.add(Code.MISSING_TRANSITION_TARGET, "State \"" + name + "\" is not reachable.",
                        pointer + "/" + Problems.escape(name));
            }
        }
    }

    /** The Next of every element of Choices or Catch. */
    private void addTargets(JsonNode elements, String pointerPrefix, ObjectNode statesNode, List<String> targets) {
        if (elements instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                addTarget(array.get(i).get("Next"), pointerPrefix + i + "/Next", statesNode, targets);
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
            problems.add(Code.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + target.textValue(), pointer);
        }
    }
}
