package dev.persona.local.stepfunctions.asl.definition;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;
import dev.persona.local.stepfunctions.asl.states.ItemReader;
import dev.persona.local.stepfunctions.asl.states.MapState;
import dev.persona.local.stepfunctions.asl.states.NumericSetting;
import dev.persona.local.stepfunctions.asl.states.ResultWriter;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;

/**
 * Map states: the item processor (INLINE or DISTRIBUTED, with its execution type), where the items come from
 * (ItemsPath or Items, or an ItemReader over S3), ItemSelector, ItemBatcher, ResultWriter, concurrency, tolerated
 * failures and Label. ItemReader, ItemBatcher, ResultWriter and Label need DISTRIBUTED mode.
 */
final class MapParser {

    private static final int MAX_LABEL_LENGTH = 40;
    /** What a Label may not contain, as AWS documents for Map Run labels (as for execution names). */
    private static final Pattern LABEL = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]+");
    private static final Set<String> MACHINE_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");
    private static final long MAX_ITEMS = 100_000_000L;

    private final Expressions expressions;
    private final Problems problems;
    private final ErrorHandlingParser errorHandling;
    private final DefinitionParser.NestedMachines machines;
    private final DefinitionParser.ResourceCheck resourceCheck;

    MapParser(Expressions expressions, ErrorHandlingParser errorHandling, DefinitionParser.NestedMachines machines,
              DefinitionParser.ResourceCheck resourceCheck) {
        this.expressions = expressions;
        this.problems = expressions.problems();
        this.errorHandling = errorHandling;
        this.machines = machines;
        this.resourceCheck = resourceCheck;
    }

    /** A Map's processor and its configuration. */
    private record Processor(StateMachine machine, MapState.ProcessorMode mode, String executionType) {
    }

    MapState parse(Fields fields, State.Header header, QueryLanguage language) {
        Processor processor = processor(fields, language);
        boolean distributed = processor.mode() == MapState.ProcessorMode.DISTRIBUTED;
        fields.exclusive("ItemSelector", "Parameters");
        String selectorField = fields.has("Parameters") ? "Parameters" : "ItemSelector";
        PayloadTemplate itemSelector = language == QueryLanguage.JSONPATH
                ? expressions.template(fields, selectorField) : null;
        JsonataTemplate itemSelectorExpressions = language == QueryLanguage.JSONATA
                ? expressions.optionalJsonata(fields, "ItemSelector") : null;
        ItemReader itemReader = itemReader(fields, language, distributed);
        if (itemReader != null && (fields.has("ItemsPath") || fields.has("Items"))) {
            problems.schema("ItemsPath and Items cannot be used with an ItemReader", fields.pointer("ItemReader"));
        }
        JsonPath itemsPath = language == QueryLanguage.JSONPATH ? expressions.pathOrRoot(fields, "ItemsPath") : null;
        JsonataTemplate items = null;
        if (language == QueryLanguage.JSONATA && fields.has("Items")) {
            JsonNode value = fields.get("Items");
            if (!value.isArray() && !JsonataTemplate.isExpression(value)) {
                problems.schema("Items must be an array or a JSONata expression", fields.pointer("Items"));
            }
            items = expressions.jsonata(fields, "Items");
        }
        MapState.ItemBatcher batcher = itemBatcher(fields, language, distributed);
        String label = label(fields, distributed);
        MapState.Settings settings = new MapState.Settings(processor.machine(), processor.mode(), itemsPath, items,
                itemSelector, itemSelectorExpressions, batcher,
                expressions.numeric(fields, "MaxConcurrency", language, 0, Integer.MAX_VALUE),
                expressions.numeric(fields, "ToleratedFailureCount", language, 0, Integer.MAX_VALUE),
                expressions.numeric(fields, "ToleratedFailurePercentage", language, 0, 100),
                label, processor.executionType(), itemReader, resultWriter(fields, language, distributed));
        return new MapState(header, settings, errorHandling.retriers(fields), errorHandling.catchers(fields, language));
    }

    private Processor processor(Fields fields, QueryLanguage language) {
        fields.exclusive("ItemProcessor", "Iterator");
        String processorField = fields.has("Iterator") ? "Iterator" : "ItemProcessor";
        ObjectNode processorNode = fields.object(processorField);
        if (processorNode == null) {
            if (!fields.has(processorField)) {
                problems.schema("These fields are required: [ItemProcessor]", fields.pointer);
            }
            return new Processor(null, MapState.ProcessorMode.INLINE, null);
        }
        Fields processorFields = fields.nested(processorNode, processorField);
        processorFields.allowOnly(MACHINE_FIELDS);
        MapState.ProcessorMode mode = MapState.ProcessorMode.INLINE;
        String executionType = null;
        ObjectNode config = processorFields.object("ProcessorConfig");
        if (config != null) {
            Fields configFields = processorFields.nested(config, "ProcessorConfig");
            configFields.allowOnly(Set.of("Mode", "ExecutionType"));
            String modeName = configFields.string("Mode");
            if (modeName != null) {
                try {
                    mode = MapState.ProcessorMode.valueOf(modeName);
                } catch (IllegalArgumentException e) {
                    problems.schema("Mode must be INLINE or DISTRIBUTED", configFields.pointer("Mode"));
                }
            }
            executionType = configFields.string("ExecutionType");
            if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType)) {
                problems.schema("ExecutionType must be STANDARD or EXPRESS", configFields.pointer("ExecutionType"));
            }
        }
        return new Processor(machines.parse(processorFields, language), mode, executionType);
    }

    private String label(Fields fields, boolean distributed) {
        String label = fields.string("Label");
        if (label == null) {
            return null;
        }
        if (!distributed) {
            problems.schema("Label is only allowed in DISTRIBUTED mode", fields.pointer("Label"));
        } else if (label.length() > MAX_LABEL_LENGTH || !LABEL.matcher(label).matches()) {
            problems.add(Code.INVALID_LABEL_NAME, "Label must be at most " + MAX_LABEL_LENGTH + " characters long "
                    + "without white space, brackets, wildcards, special or control characters: " + label,
                    fields.pointer("Label"));
        }
        return label;
    }

    private MapState.ItemBatcher itemBatcher(Fields fields, QueryLanguage language, boolean distributed) {
        ObjectNode node = fields.object("ItemBatcher");
        if (node == null) {
            return null;
        }
        requireDistributed(fields, "ItemBatcher", distributed);
        Fields batcher = fields.nested(node, "ItemBatcher");
        batcher.allowOnly(language == QueryLanguage.JSONATA
                ? Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput")
                : Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"));
        NumericSetting maxItems = expressions.numeric(batcher, "MaxItemsPerBatch", language, 1, Integer.MAX_VALUE);
        NumericSetting maxBytes = expressions.numeric(batcher, "MaxInputBytesPerBatch", language, 1, 262_144);
        if (!maxItems.isPresent() && !maxBytes.isPresent()) {
            problems.schema("ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch", batcher.pointer);
        }
        PayloadTemplate batchInput = language == QueryLanguage.JSONPATH ? expressions.template(batcher, "BatchInput")
                : null;
        JsonataTemplate batchInputExpressions = language == QueryLanguage.JSONATA
                ? expressions.optionalJsonata(batcher, "BatchInput") : null;
        return new MapState.ItemBatcher(maxItems, maxBytes, batchInput, batchInputExpressions);
    }

    private ItemReader itemReader(Fields fields, QueryLanguage language, boolean distributed) {
        ObjectNode node = fields.object("ItemReader");
        if (node == null) {
            return null;
        }
        requireDistributed(fields, "ItemReader", distributed);
        Fields reader = fields.nested(node, "ItemReader");
        String parametersField = language == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
        reader.allowOnly(Set.of("Resource", parametersField, "ReaderConfig"));
        String resource = reader.requiredString("Resource");
        ItemReader.Source source = null;
        if (resource != null) {
            source = ItemReader.Source.ofResource(resource).orElse(null);
            if (source == null) {
                problems.add(Code.INVALID_RESOURCE, "An ItemReader's Resource must be arn:aws:states:::s3:getObject "
                        + "or arn:aws:states:::s3:listObjectsV2 (PARQUET and Athena manifests are not supported by "
                        + "the local Step Functions): " + resource, reader.pointer("Resource"));
            } else {
                resourceCheck.problem(resource).ifPresent(message -> problems.add(Code.INVALID_RESOURCE, message,
                        reader.pointer("Resource")));
            }
        }
        if (!reader.has(parametersField)) {
            problems.schema("These fields are required: [" + parametersField + "]", reader.pointer);
        }
        PayloadTemplate parameters = language == QueryLanguage.JSONPATH ? expressions.template(reader, "Parameters")
                : null;
        JsonataTemplate arguments = language == QueryLanguage.JSONATA && reader.has("Arguments")
                ? expressions.jsonata(reader, "Arguments") : null;
        ObjectNode configNode = reader.object("ReaderConfig");
        Fields config = configNode == null ? null : reader.nested(configNode, "ReaderConfig");
        if (config != null) {
            config.allowOnly(language == QueryLanguage.JSONATA
                    ? Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems")
                    : Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
                    "MaxItemsPath"));
        }
        ItemReader.InputType inputType = config == null ? null
                : constant(config, "InputType", ItemReader.InputType.class, "CSV, JSON, JSONL or MANIFEST");
        if (source == ItemReader.Source.GET_OBJECT && inputType == null) {
            problems.schema("An ItemReader with s3:getObject needs ReaderConfig.InputType",
                    reader.pointer("ReaderConfig"));
        }
        if (source == ItemReader.Source.LIST_OBJECTS_V2 && inputType != null) {
            problems.schema("InputType is not supported with s3:listObjectsV2", config.pointer("InputType"));
        }
        ItemReader.CsvHeaderLocation headerLocation = null;
        List<String> headers = null;
        ItemReader.CsvDelimiter delimiter = ItemReader.CsvDelimiter.COMMA;
        if (config != null) {
            headerLocation = constant(config, "CSVHeaderLocation", ItemReader.CsvHeaderLocation.class,
                    "FIRST_ROW or GIVEN");
            headers = config.strings("CSVHeaders");
            ItemReader.CsvDelimiter given = constant(config, "CSVDelimiter", ItemReader.CsvDelimiter.class,
                    "COMMA, PIPE, SEMICOLON, SPACE or TAB");
            if (given != null) {
                delimiter = given;
            }
            boolean csv = inputType == ItemReader.InputType.CSV;
            if (!csv && (config.has("CSVHeaderLocation") || config.has("CSVHeaders") || config.has("CSVDelimiter"))) {
                problems.schema("CSVHeaderLocation, CSVHeaders and CSVDelimiter need InputType CSV", config.pointer);
            }
            if (csv && headerLocation == null) {
                problems.schema("These fields are required: [CSVHeaderLocation]", config.pointer);
            }
            if (headerLocation == ItemReader.CsvHeaderLocation.GIVEN && (headers == null || headers.isEmpty())) {
                problems.schema("CSVHeaderLocation GIVEN needs CSVHeaders", config.pointer);
            }
            if (headerLocation == ItemReader.CsvHeaderLocation.FIRST_ROW && config.has("CSVHeaders")) {
                problems.schema("CSVHeaders can only be given with CSVHeaderLocation GIVEN",
                        config.pointer("CSVHeaders"));
            }
        }
        NumericSetting maxItems = config == null ? NumericSetting.absent("MaxItems")
                : expressions.numeric(config, "MaxItems", language, 1, MAX_ITEMS);
        return new ItemReader(source, parameters, arguments, inputType, headerLocation, headers, delimiter, maxItems);
    }

    private ResultWriter resultWriter(Fields fields, QueryLanguage language, boolean distributed) {
        ObjectNode node = fields.object("ResultWriter");
        if (node == null) {
            return null;
        }
        requireDistributed(fields, "ResultWriter", distributed);
        Fields writer = fields.nested(node, "ResultWriter");
        String parametersField = language == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
        writer.allowOnly(Set.of("Resource", parametersField, "WriterConfig"));
        boolean exports = writer.has("Resource");
        if (exports) {
            String resource = writer.string("Resource");
            if (resource != null
                    && !resource.matches("arn:aws[a-z-]*:states:::" + Pattern.quote(ResultWriter.RESOURCE))) {
                problems.add(Code.INVALID_RESOURCE, "A ResultWriter's Resource must be arn:aws:states:::s3:putObject: "
                        + resource, writer.pointer("Resource"));
            } else if (resource != null) {
                resourceCheck.problem(resource).ifPresent(message -> problems.add(Code.INVALID_RESOURCE, message,
                        writer.pointer("Resource")));
            }
        }
        if (exports != writer.has(parametersField)) {
            problems.schema("A ResultWriter needs both Resource and " + parametersField + ", or neither",
                    writer.pointer);
        }
        if (!exports && !writer.has("WriterConfig")) {
            problems.schema("A ResultWriter needs Resource and " + parametersField + ", WriterConfig, or all three",
                    writer.pointer);
        }
        PayloadTemplate parameters = language == QueryLanguage.JSONPATH ? expressions.template(writer, "Parameters")
                : null;
        JsonataTemplate arguments = language == QueryLanguage.JSONATA && writer.has("Arguments")
                ? expressions.jsonata(writer, "Arguments") : null;
        ObjectNode configNode = writer.object("WriterConfig");
        ResultWriter.Transformation transformation = exports ? ResultWriter.Transformation.NONE
                : ResultWriter.Transformation.COMPACT;
        ResultWriter.OutputType outputType = ResultWriter.OutputType.JSON;
        if (configNode != null) {
            Fields config = writer.nested(configNode, "WriterConfig");
            config.allowOnly(Set.of("Transformation", "OutputType"));
            ResultWriter.Transformation given = constant(config, "Transformation", ResultWriter.Transformation.class,
                    "NONE, COMPACT or FLATTEN");
            ResultWriter.OutputType type = constant(config, "OutputType", ResultWriter.OutputType.class,
                    "JSON or JSONL");
            transformation = given != null ? given : transformation;
            outputType = type != null ? type : outputType;
        }
        return new ResultWriter(exports, parameters, arguments, transformation, outputType);
    }

    private void requireDistributed(Fields fields, String field, boolean distributed) {
        if (!distributed) {
            problems.schema(field + " is only allowed in DISTRIBUTED mode", fields.pointer(field));
        }
    }

    private <E extends Enum<E>> E constant(Fields fields, String name, Class<E> type, String allowed) {
        String value = fields.string(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            problems.schema(name + " must be " + allowed + ": " + value, fields.pointer(name));
            return null;
        }
    }
}
