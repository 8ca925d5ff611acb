package dev.persona.local.stepfunctions.asl.paths;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.persona.local.stepfunctions.asl.Json;

/** Recursive-descent parser for filter expressions: {@code || && ! ( ) == != < <= > >= =~}, paths and literals. */
final class FilterParser {

    private final String text;
    private int position;

    FilterParser(String text) {
        this.text = text;
    }

    FilterPredicate parse() {
        FilterPredicate predicate = parseOr();
        skipSpaces();
        if (position != text.length()) {
            throw error("unexpected '" + text.charAt(position) + "'");
        }
        return predicate;
    }

    private FilterPredicate parseOr() {
        FilterPredicate left = parseAnd();
        while (consume("||")) {
            left = new FilterPredicate.Or(left, parseAnd());
        }
        return left;
    }

    private FilterPredicate parseAnd() {
        FilterPredicate left = parseUnary();
        while (consume("&&")) {
            left = new FilterPredicate.And(left, parseUnary());
        }
        return left;
    }

    private FilterPredicate parseUnary() {
        skipSpaces();
        if (peek('!') && !text.startsWith("!=", position)) {
            position++;
            return new FilterPredicate.Not(parseUnary());
        }
        if (peek('(')) {
            position++;
            FilterPredicate inner = parseOr();
            if (!consume(")")) {
                throw error("expected ')'");
            }
            return inner;
        }
        FilterPredicate.Operand left = parseOperand();
        skipSpaces();
        for (String operator : new String[] {"==", "!=", "<=", ">=", "=~", "<", ">"}) {
            if (text.startsWith(operator, position)) {
                position += operator.length();
                return new FilterPredicate.Comparison(left, operator, parseOperand());
            }
        }
        return new FilterPredicate.Exists(left);
    }

    private FilterPredicate.Operand parseOperand() {
        skipSpaces();
        if (position >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(position);
        JsonNodeFactory nodes = Json.NODES;
        if (c == '@' || c == '$') {
            JsonPathParser.Parsed parsed = JsonPathParser.parseEmbedded(text, position);
            position = parsed.end();
            return new FilterPredicate.Operand.Path(parsed.path());
        }
        if (c == '\'' || c == '"') {
            int end = position + 1;
            StringBuilder value = new StringBuilder();
            while (end < text.length() && text.charAt(end) != c) {
                if (text.charAt(end) == '\\' && end + 1 < text.length()) {
                    end++;
                }
                value.append(text.charAt(end++));
            }
            if (end >= text.length()) {
                throw error("unclosed string");
            }
            position = end + 1;
            return new FilterPredicate.Operand.Literal(nodes.textNode(value.toString()));
        }
        if (c == '/') {
            int end = text.indexOf('/', position + 1);
            if (end < 0) {
                throw error("unclosed regular expression");
            }
            String pattern = text.substring(position + 1, end);
            position = end + 1;
            int flags = 0;
            while (position < text.length() && Character.isLetter(text.charAt(position))) {
                if (text.charAt(position) == 'i') {
                    flags |= Pattern.CASE_INSENSITIVE;
                }
                position++;
            }
            return new FilterPredicate.Operand.Regex(Pattern.compile(pattern, flags));
        }
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))
                && "=!<>&|)".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        String token = text.substring(start, position);
        return switch (token) {
            case "true" -> new FilterPredicate.Operand.Literal(nodes.booleanNode(true));
            case "false" -> new FilterPredicate.Operand.Literal(nodes.booleanNode(false));
            case "null" -> new FilterPredicate.Operand.Literal(nodes.nullNode());
            default -> {
                try {
                    yield new FilterPredicate.Operand.Literal(Json.number(new java.math.BigDecimal(token)));
                } catch (NumberFormatException e) {
                    throw error("unexpected '" + token + "'");
                }
            }
        };
    }

    private boolean consume(String token) {
        skipSpaces();
        if (text.startsWith(token, position)) {
            position += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private JsonPathSyntaxException error(String detail) {
        return new JsonPathSyntaxException("Invalid filter '" + text + "': " + detail);
    }
}
