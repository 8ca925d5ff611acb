package dev.persona.local.stepfunctions.asl.intrinsics;

import java.util.Optional;

/** The intrinsic functions of the JSONPath query language, with the number of arguments each accepts. */
public enum IntrinsicFunction {
    FORMAT("States.Format", 1, Integer.MAX_VALUE),
    STRING_TO_JSON("States.StringToJson", 1, 1),
    JSON_TO_STRING("States.JsonToString", 1, 1),
    ARRAY("States.Array", 0, Integer.MAX_VALUE),
    ARRAY_PARTITION("States.ArrayPartition", 2, 2),
    ARRAY_CONTAINS("States.ArrayContains", 2, 2),
    ARRAY_RANGE("States.ArrayRange", 3, 3),
    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2),
    ARRAY_LENGTH("States.ArrayLength", 1, 1),
    ARRAY_UNIQUE("States.ArrayUnique", 1, 1),
    BASE64_ENCODE("States.Base64Encode", 1, 1),
    BASE64_DECODE("States.Base64Decode", 1, 1),
    HASH("States.Hash", 2, 2),
    JSON_MERGE("States.JsonMerge", 3, 3),
    MATH_RANDOM("States.MathRandom", 2, 3),
    MATH_ADD("States.MathAdd", 2, 2),
    STRING_SPLIT("States.StringSplit", 2, 2),
    UUID("States.UUID", 0, 0);

    private final String functionName;
    private final int minArguments;
    private final int maxArguments;

    IntrinsicFunction(String functionName, int minArguments, int maxArguments) {
        this.functionName = functionName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    public String functionName() {
        return functionName;
    }

    public boolean acceptsArgumentCount(int count) {
        return count >= minArguments && count <= maxArguments;
    }

    public static Optional<IntrinsicFunction> fromFunctionName(String name) {
        for (IntrinsicFunction function : values()) {
            if (function.functionName.equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
