package dev.persona.local.stepfunctions.asl.definition;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.DataFlow;
import dev.persona.local.stepfunctions.asl.states.PassState;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateType;
import dev.persona.local.stepfunctions.asl.states.SucceedState;

/**
 * Reads one state: its type, the fields its type and query language allow, its transition (Next or End) and data
 * flow, then what is particular to its type through the parser of that type.
 */
final class StateParser {

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
    /** Payload templates whose fields the NO_DOLLAR warning checks. */
    private static final Set<String> TEMPLATE_FIELDS = Set.of("Parameters", "ResultSelector", "ItemSelector",
            "Assign");

    private final Problems problems;
    private final Expressions expressions;
    private final Warnings warnings;
    private final TaskParser tasks;
    private final ChoiceParser choices;
    private final WaitParser waits;
    private final FailParser fails;
    private final ParallelParser parallels;
    private final MapParser maps;

    StateParser(Problems problems, DefinitionParser.ResourceCheck resourceCheck,
                DefinitionParser.NestedMachines machines, boolean express) {
        this.problems = problems;
        this.expressions = new Expressions(problems);
        this.warnings = new Warnings(problems);
        ErrorHandlingParser errorHandling = new ErrorHandlingParser(expressions);
        this.tasks = new TaskParser(expressions, errorHandling, resourceCheck, express);
        this.choices = new ChoiceParser(expressions);
        this.waits = new WaitParser(expressions);
        this.fails = new FailParser(expressions);
        this.parallels = new ParallelParser(problems, errorHandling, machines);
        this.maps = new MapParser(expressions, errorHandling, machines, resourceCheck);
    }

    /**
     * Parses the state {@code name}; {@code standalone} for TestState, where no Next or End is needed. Returns null
     * when the state's type cannot be known.
     */
    State parse(String name, JsonNode node, String pointer, QueryLanguage inherited, boolean standalone) {
        if (!node.isObject()) {
            problems.schema("A state must be a JSON object", pointer);
            return null;
        }
        Fields fields = new Fields((ObjectNode) node, pointer, problems);
        String typeName = fields.requiredString("Type");
        if (typeName == null) {
            return null;
        }
        StateType type = StateType.fromWireName(typeName).orElse(null);
        if (type == null) {
            problems.schema("Unknown state type " + typeName, fields.pointer("Type"));
            return null;
        }
        QueryLanguage language = queryLanguage(fields, inherited, true);
        checkFields(fields, type, typeName, language);
        fields.string("Comment");
        String next = transition(fields, type, standalone);
        State.Header header = new State.Header(name, language, next, dataFlow(fields, type, language));
        if (language == QueryLanguage.JSONPATH) {
            warn(fields, type);
        }
        return switch (type) {
            case PASS -> new PassState(header, language == QueryLanguage.JSONPATH ? fields.get("Result") : null);
            case TASK -> tasks.parse(fields, header, language);
            case CHOICE -> choices.parse(fields, header, language);
            case WAIT -> waits.parse(fields, header, language);
            case SUCCEED -> new SucceedState(header);
            case FAIL -> fails.parse(fields, header, language);
            case PARALLEL -> parallels.parse(fields, header, language);
            case MAP -> maps.parse(fields, header, language);
        };
    }

    /** QueryLanguage of a definition or a state: JSONPath or JSONata; a state cannot go back to JSONPath. */
    QueryLanguage queryLanguage(Fields fields, QueryLanguage inherited, boolean stateLevel) {
        String name = fields.string("QueryLanguage");
        if (name == null) {
            return inherited;
        }
        QueryLanguage language = QueryLanguage.fromWireName(name).orElse(null);
        if (language == null) {
            problems.schema("QueryLanguage must be JSONPath or JSONata", fields.pointer("QueryLanguage"));
            return inherited;
        }
        if (stateLevel && inherited == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
            problems.schema("A state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                    fields.pointer("QueryLanguage"));
        }
        return language;
    }

    private void checkFields(Fields fields, StateType type, String typeName, QueryLanguage language) {
        Set<String> allowed = new HashSet<>(COMMON_FIELDS);
        allowed.addAll(FIELDS.get(type));
        Set<String> otherLanguage = language == QueryLanguage.JSONATA ? JSONPATH_FIELDS.get(type)
                : JSONATA_FIELDS.get(type);
        allowed.addAll(language == QueryLanguage.JSONATA ? JSONATA_FIELDS.get(type) : JSONPATH_FIELDS.get(type));
        for (String field : fields.names()) {
            if (otherLanguage.contains(field)) {
                problems.schema("The field '" + field + "' is not supported when the QueryLanguage is "
                        + language.wireName(), fields.pointer(field));
            } else if (!allowed.contains(field)) {
                problems.schema("Field '" + field + "' is not supported by " + typeName + " states",
                        fields.pointer(field));
            }
        }
    }

    private void warn(Fields fields, StateType type) {
        for (String template : TEMPLATE_FIELDS) {
            warnings.payload(fields.get(template), fields.pointer(template));
        }
        if (type == StateType.FAIL) {
            warnings.literal(fields, "Error");
            warnings.literal(fields, "Cause");
        }
        if (type == StateType.PASS) {
            warnings.passResult(fields.get("Result"), fields.pointer("Result"));
        }
    }

    /** Next or End for the types that need one of them; none for Choice, Succeed and Fail. */
    private String transition(Fields fields, StateType type, boolean standalone) {
        if (type == StateType.CHOICE || type == StateType.SUCCEED || type == StateType.FAIL) {
            return null;
        }
        String next = fields.string("Next");
        Boolean end = fields.bool("End");
        if (next != null && end != null) {
            problems.schema("A state cannot have both Next and End", fields.pointer("End"));
        } else if (next == null && !Boolean.TRUE.equals(end) && !standalone) {
            problems.schema("A " + type.wireName() + " state must have Next or \"End\": true", fields.pointer);
        } else if (Boolean.FALSE.equals(end)) {
            problems.schema("End must be true when present", fields.pointer("End"));
        }
        return next;
    }

    private DataFlow dataFlow(Fields fields, StateType type, QueryLanguage language) {
        Assignment assign = expressions.assignment(fields, "Assign", language);
        if (language == QueryLanguage.JSONATA) {
            JsonataTemplate arguments = expressions.optionalJsonata(fields, "Arguments");
            JsonataTemplate output = expressions.optionalJsonata(fields, "Output");
            return new DataFlow(null, null, null, null, null, arguments, output, assign);
        }
        JsonPath inputPath = expressions.ioPath(fields, "InputPath");
        JsonPath outputPath = expressions.ioPath(fields, "OutputPath");
        PayloadTemplate parameters = type == StateType.MAP ? null : expressions.template(fields, "Parameters");
        PayloadTemplate resultSelector = expressions.template(fields, "ResultSelector");
        JsonPath resultPath = expressions.resultPath(fields, "ResultPath");
        return new DataFlow(inputPath, parameters, resultSelector, resultPath, outputPath, null, null, assign);
    }
}
