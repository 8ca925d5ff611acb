package dev.persona.local.stepfunctions.asl.intrinsics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.JsonPathSyntaxException;

/** Parses {@code States.Name(arg, ...)} with string, number, boolean and null literals, paths and nested calls. */
public final class IntrinsicParser {

    private final String text;
    private int position;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /** True when {@code text} is meant as an intrinsic function call. */
    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses a whole call; throws {@link JsonPathSyntaxException} when {@code text} is not one. */
    public static IntrinsicArgument.Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        IntrinsicArgument.Call call = parser.parseCall();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the call");
        }
        return call;
    }

    private IntrinsicArgument.Call parseCall() {
        int start = position;
        int open = text.indexOf('(', position);
        if (open < 0) {
            throw error("expected '('");
        }
        String name = text.substring(position, open).trim();
        IntrinsicFunction function = IntrinsicFunction.fromFunctionName(name)
                .orElseThrow(() -> error("unknown intrinsic function " + name));
        position = open + 1;
        List<IntrinsicArgument> arguments = new ArrayList<>();
        skipSpaces();
        if (at(')')) {
            position++;
        } else {
            while (true) {
                arguments.add(parseArgument());
                skipSpaces();
                if (at(',')) {
                    position++;
                } else if (at(')')) {
                    position++;
                    break;
                } else {
                    throw error("expected ',' or ')' at position " + position);
                }
            }
        }
        if (!function.acceptsArgumentCount(arguments.size())) {
            throw error(function.functionName() + " does not take " + arguments.size() + " argument(s)");
        }
        return new IntrinsicArgument.Call(function, arguments, text.substring(start, position));
    }

    private IntrinsicArgument parseArgument() {
        skipSpaces();
        if (position >= text.length()) {
            throw error("missing argument");
        }
        char c = text.charAt(position);
        if (c == '\'') {
            return parseString();
        }
        if (c == '$') {
            int end = pathEnd();
            String pathText = text.substring(position, end).trim();
            position = end;
            return new IntrinsicArgument.PathArgument(JsonPath.parse(pathText));
        }
        if (text.startsWith("States.", position)) {
            return parseCall();
        }
        int start = position;
        while (position < text.length() && text.charAt(position) != ',' && text.charAt(position) != ')') {
            position++;
        }
        String token = text.substring(start, position).trim();
        return switch (token) {
            case "true" -> new IntrinsicArgument.Literal(Json.NODES.booleanNode(true), token);
            case "false" -> new IntrinsicArgument.Literal(Json.NODES.booleanNode(false), token);
            case "null" -> new IntrinsicArgument.Literal(Json.NODES.nullNode(), token);
            default -> {
                try {
                    BigDecimal number = new BigDecimal(token);
                    yield new IntrinsicArgument.Literal(token.contains(".") || token.contains("e")
                            || token.contains("E") ? Json.NODES.numberNode(number.doubleValue())
                            : Json.number(number), token);
                } catch (NumberFormatException e) {
                    throw error("invalid argument '" + token + "'");
                }
            }
        };
    }

    private IntrinsicArgument.Literal parseString() {
        int start = ++position;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                value.append(text.charAt(position++));
            } else if (c == '\'') {
                return new IntrinsicArgument.Literal(Json.NODES.textNode(value.toString()),
                        text.substring(start, position - 1));
            } else {
                value.append(c);
            }
        }
        throw error("unclosed string literal");
    }

    /** The end of a path argument: the next ',' or ')' outside brackets and quotes. */
    private int pathEnd() {
        int depth = 0;
        char quote = 0;
        for (int i = position; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                return i;
            }
        }
        return text.length();
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private boolean at(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private JsonPathSyntaxException error(String detail) {
        return new JsonPathSyntaxException("Invalid intrinsic function call '" + text + "': " + detail);
    }
}
