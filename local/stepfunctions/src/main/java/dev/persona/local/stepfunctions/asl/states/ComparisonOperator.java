package dev.persona.local.stepfunctions.asl.states;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Timestamps;

/**
 * The comparison operators of Choice rules. Each has a {@code ...Path} form comparing with the value at a path
 * instead of a literal (except StringMatches and the type tests). A value of the wrong type never matches.
 */
public enum ComparisonOperator {
    STRING_EQUALS("StringEquals", Operand.STRING, order -> order == 0),
    STRING_LESS_THAN("StringLessThan", Operand.STRING, order -> order < 0),
    STRING_GREATER_THAN("StringGreaterThan", Operand.STRING, order -> order > 0),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Operand.STRING, order -> order <= 0),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Operand.STRING, order -> order >= 0),
    STRING_MATCHES("StringMatches", Operand.PATTERN, null),
    NUMERIC_EQUALS("NumericEquals", Operand.NUMBER, order -> order == 0),
    NUMERIC_LESS_THAN("NumericLessThan", Operand.NUMBER, order -> order < 0),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Operand.NUMBER, order -> order > 0),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Operand.NUMBER, order -> order <= 0),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Operand.NUMBER, order -> order >= 0),
    BOOLEAN_EQUALS("BooleanEquals", Operand.BOOLEAN, order -> order == 0),
    TIMESTAMP_EQUALS("TimestampEquals", Operand.TIMESTAMP, order -> order == 0),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Operand.TIMESTAMP, order -> order < 0),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Operand.TIMESTAMP, order -> order > 0),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Operand.TIMESTAMP, order -> order <= 0),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Operand.TIMESTAMP, order -> order >= 0),
    IS_NULL("IsNull", Operand.TYPE_TEST, null),
    IS_PRESENT("IsPresent", Operand.TYPE_TEST, null),
    IS_NUMERIC("IsNumeric", Operand.TYPE_TEST, null),
    IS_STRING("IsString", Operand.TYPE_TEST, null),
    IS_BOOLEAN("IsBoolean", Operand.TYPE_TEST, null),
    IS_TIMESTAMP("IsTimestamp", Operand.TYPE_TEST, null);

    /** What the operator compares. */
    public enum Operand {
        STRING, PATTERN, NUMBER, BOOLEAN, TIMESTAMP, TYPE_TEST
    }

    private final String wireName;
    private final Operand operand;
    private final IntPredicate accepts;

    ComparisonOperator(String wireName, Operand operand, IntPredicate accepts) {
        this.wireName = wireName;
        this.operand = operand;
        this.accepts = accepts;
    }

    public String wireName() {
        return wireName;
    }

    public Operand operand() {
        return operand;
    }

    /** True when the operator also exists in a {@code ...Path} form. */
    public boolean hasPathForm() {
        return operand != Operand.PATTERN && operand != Operand.TYPE_TEST;
    }

    /** The operator named {@code field}, with whether it is the {@code ...Path} form. */
    public static Optional<Named> fromField(String field) {
        for (ComparisonOperator operator : values()) {
            if (operator.wireName.equals(field)) {
                return Optional.of(new Named(operator, false));
            }
            if (operator.hasPathForm() && field.equals(operator.wireName + "Path")) {
                return Optional.of(new Named(operator, true));
            }
        }
        return Optional.empty();
    }

    public record Named(ComparisonOperator operator, boolean path) {
    }

    /** True when the literal or path value {@code expected} has the type this operator needs. */
    public boolean acceptsLiteral(JsonNode expected) {
        return switch (operand) {
            case STRING, PATTERN -> expected.isTextual();
            case NUMBER -> expected.isNumber();
            case BOOLEAN, TYPE_TEST -> expected.isBoolean();
            case TIMESTAMP -> expected.isTextual() && Timestamps.parse(expected.textValue()).isPresent();
        };
    }

    /** Compares the variable's value with {@code expected}; {@code value} is null when the variable is absent. */
    public boolean test(JsonNode value, JsonNode expected) {
        if (operand == Operand.TYPE_TEST) {
            return typeTest(value) == expected.booleanValue();
        }
        if (value == null) {
            return false;
        }
        return switch (operand) {
            case STRING -> value.isTextual() && expected.isTextual()
                    && accepts.test(Integer.signum(value.textValue().compareTo(expected.textValue())));
            case PATTERN -> value.isTextual() && StringPattern.matches(expected.textValue(), value.textValue());
            case NUMBER -> value.isNumber() && expected.isNumber()
                    && accepts.test(value.decimalValue().compareTo(expected.decimalValue()));
            case BOOLEAN -> value.isBoolean() && expected.isBoolean()
                    && accepts.test(value.booleanValue() == expected.booleanValue() ? 0 : 1);
            case TIMESTAMP -> {
                Optional<Instant> left = value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
                Optional<Instant> right = expected.isTextual() ? Timestamps.parse(expected.textValue())
                        : Optional.empty();
                yield left.isPresent() && right.isPresent() && accepts.test(left.get().compareTo(right.get()));
            }
            case TYPE_TEST -> throw new IllegalStateException("handled above");
        };
    }

    private boolean typeTest(JsonNode value) {
        if (this == IS_PRESENT) {
            return value != null;
        }
        if (value == null) {
            return false;
        }
        return switch (this) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && Timestamps.parse(value.textValue()).isPresent();
            default -> throw new IllegalStateException(wireName + " is not a type test");
        };
    }

    /** StringMatches patterns: {@code *} matches any run of characters; {@code \*} and {@code \\} escape. */
    static final class StringPattern {
        private StringPattern() {
        }

        static boolean matches(String pattern, String text) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    literal.append(pattern.charAt(++i));
                } else if (c == '*') {
                    regex.append(Pattern.quote(literal.toString())).append(".*");
                    literal.setLength(0);
                } else {
                    literal.append(c);
                }
            }
            regex.append(Pattern.quote(literal.toString()));
            return Pattern.compile(regex.toString(), Pattern.DOTALL)
                    .matcher(text).matches();
        }
    }
}
