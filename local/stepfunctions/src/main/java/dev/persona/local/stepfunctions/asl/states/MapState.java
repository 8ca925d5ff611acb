package dev.persona.local.stepfunctions.asl.states;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataExpression;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;

/**
 * Runs its item processor once per item of an array. Items come from ItemsPath (JSONPath, default {@code $})
 * or Items (JSONata, default the state input), or for a DISTRIBUTED Map from S3 (ItemReader). A DISTRIBUTED Map
 * runs its items as child executions, tolerates failures up to ToleratedFailureCount/Percentage, can batch items
 * and can write its results to S3 (ResultWriter).
 */
public final class MapState extends State {

    public enum ProcessorMode {
        INLINE, DISTRIBUTED
    }

    /**
     * ItemBatcher: at most {@code maxItemsPerBatch} items and {@code maxInputBytesPerBatch} bytes per batch;
     * {@code batchInput} (a template in the state's language) is added to every batch.
     */
    public record ItemBatcher(NumericSetting maxItemsPerBatch, NumericSetting maxInputBytesPerBatch,
                              PayloadTemplate batchInput, JsonataTemplate batchInputExpressions) {
    }

    /** The Map's settings beyond its data flow. */
    public record Settings(
            StateMachine processor,
            ProcessorMode mode,
            JsonPath itemsPath,
            JsonataTemplate items,
            PayloadTemplate itemSelector,
            JsonataTemplate itemSelectorExpressions,
            ItemBatcher itemBatcher,
            NumericSetting maxConcurrency,
            NumericSetting toleratedFailureCount,
            NumericSetting toleratedFailurePercentage,
            String label,
            String executionType,
            ItemReader itemReader,
            ResultWriter resultWriter) {
    }

    private final Settings settings;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    public MapState(Header header, Settings settings, List<Retrier> retriers, List<Catcher> catchers) {
        super(header);
        this.settings = settings;
        this.retriers = List.copyOf(retriers);
        this.catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.MAP;
    }

    public StateMachine processor() {
        return settings.processor();
    }

    public ProcessorMode mode() {
        return settings.mode();
    }

    public String label() {
        return settings.label();
    }

    /** A distributed Map's child execution type: STANDARD (the default) or EXPRESS. */
    public String executionType() {
        return settings.executionType() == null ? "STANDARD" : settings.executionType();
    }

    public PayloadTemplate itemSelector() {
        return settings.itemSelector();
    }

    public JsonataTemplate itemSelectorExpressions() {
        return settings.itemSelectorExpressions();
    }

    public ItemBatcher itemBatcher() {
        return settings.itemBatcher();
    }

    /** Where a distributed Map reads its items from S3, or null when they come from its input. */
    public ItemReader itemReader() {
        return settings.itemReader();
    }

    /** How a distributed Map shapes or exports its results, or null for the plain array of outputs. */
    public ResultWriter resultWriter() {
        return settings.resultWriter();
    }

    @Override
    public List<Retrier> retriers() {
        return retriers;
    }

    @Override
    public List<Catcher> catchers() {
        return catchers;
    }

    /** The items to process; {@code scope}'s input is the effective input (JSONPath) or the raw input (JSONata). */
    public ArrayNode items(EvaluationScope scope) {
        if (usesJsonata()) {
            if (settings.items() == null) {
                return requireArray(scope.input());
            }
            JsonNode items = settings.items().evaluate(scope);
            if (!items.isArray()) {
                JsonataExpression expression = settings.items().expression();
                throw expression != null ? expression.unexpectedType("Items", "array", items) : notAnArray(items);
            }
            return (ArrayNode) items;
        }
        JsonNode items;
        try {
            items = scope.read(settings.itemsPath());
        } catch (PathNotFoundException e) {
            throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + settings.itemsPath().text() + "' : "
                    + e.getMessage());
        }
        return requireArray(items);
    }

    private ArrayNode requireArray(JsonNode items) {
        if (!items.isArray()) {
            throw notAnArray(items);
        }
        return (ArrayNode) items;
    }

    private StatesFailure notAnArray(JsonNode items) {
        return StatesFailure.inState(usesJsonata() ? StatesError.QUERY_EVALUATION_ERROR : StatesError.RUNTIME,
                "Map state input must be an array but was: " + Json.write(items));
    }

    /** MaxConcurrency; 0 (the default) means no limit. */
    public long maxConcurrency(EvaluationScope scope) {
        long value = settings.maxConcurrency().integer(scope).orElse(0L);
        if (value < 0) {
            throw StatesFailure.inState(StatesError.RUNTIME, "MaxConcurrency cannot be negative.");
        }
        return value;
    }

    /** The number of failed items a DISTRIBUTED Map tolerates. */
    public long toleratedFailureCount(EvaluationScope scope) {
        long value = settings.toleratedFailureCount().integer(scope).orElse(0L);
        if (value < 0) {
            throw StatesFailure.inState(StatesError.RUNTIME, "ToleratedFailureCount cannot be negative.");
        }
        return value;
    }

    /** The percentage of failed items a DISTRIBUTED Map tolerates. */
    public BigDecimal toleratedFailurePercentage(EvaluationScope scope) {
        BigDecimal value = settings.toleratedFailurePercentage().decimal(scope).orElse(BigDecimal.ZERO);
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw StatesFailure.inState(StatesError.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
        }
        return value;
    }

    /** True when ToleratedFailureCount (or its path or expression) is given. */
    public boolean hasToleratedFailureCount() {
        return settings.toleratedFailureCount().isPresent();
    }

    /** True when ToleratedFailurePercentage (or its path or expression) is given. */
    public boolean hasToleratedFailurePercentage() {
        return settings.toleratedFailurePercentage().isPresent();
    }

    /** ItemBatcher's limits: items per batch (empty when unlimited). */
    public Optional<Long> maxItemsPerBatch(EvaluationScope scope) {
        return settings.itemBatcher() == null ? Optional.empty()
                : settings.itemBatcher().maxItemsPerBatch().integer(scope);
    }

    /** ItemBatcher's limits: bytes per batch (empty when unlimited). */
    public Optional<Long> maxInputBytesPerBatch(EvaluationScope scope) {
        return settings.itemBatcher() == null ? Optional.empty()
                : settings.itemBatcher().maxInputBytesPerBatch().integer(scope);
    }
}
