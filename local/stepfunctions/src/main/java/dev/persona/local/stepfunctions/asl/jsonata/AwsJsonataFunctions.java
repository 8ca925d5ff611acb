package dev.persona.local.stepfunctions.asl.jsonata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import dev.persona.local.stepfunctions.asl.Json;

/** The functions Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid and $parse. */
final class AwsJsonataFunctions {

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    /** The code JSONata uses for errors raised with a free message. */
    private static final String MESSAGE_ERROR = "D3137";

    private AwsJsonataFunctions() {
    }

    static void registerOn(Jsonata expression) {
        expression.registerFunction("partition", Jsonata.function("partition",
                (Jsonata.FnVarArgs<Object>) AwsJsonataFunctions::partition, null));
        expression.registerFunction("range", Jsonata.function("range",
                (Jsonata.FnVarArgs<Object>) AwsJsonataFunctions::range, null));
        expression.registerFunction("hash", Jsonata.function("hash",
                (Jsonata.FnVarArgs<Object>) AwsJsonataFunctions::hash, null));
        expression.registerFunction("random", Jsonata.function("random",
                (Jsonata.FnVarArgs<Object>) AwsJsonataFunctions::random, null));
        expression.registerFunction("uuid", Jsonata.function("uuid",
                (Jsonata.FnVarArgs<Object>) args -> UUID.randomUUID().toString(), null));
        expression.registerFunction("parse", Jsonata.function("parse",
                (Jsonata.FnVarArgs<Object>) AwsJsonataFunctions::parse, null));
    }

    private static Object partition(List<?> args) {
        arguments("$partition", args, 2);
        List<?> array = args.get(0) instanceof List<?> list ? list : List.of(args.get(0));
        int size = positiveInteger("$partition", args.get(1));
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < array.size(); i += size) {
            chunks.add(new ArrayList<Object>(array.subList(i, Math.min(array.size(), i + size))));
        }
        return chunks;
    }

    /** A sequence, so that a single element collapses to a value as JSONata sequences do. */
    private static Object range(List<?> args) {
        arguments("$range", args, 3);
        long start = integer("$range", args.get(0));
        long end = integer("$range", args.get(1));
        long step = integer("$range", args.get(2));
        if (step == 0) {
            throw error("$range: the step must not be 0");
        }
        List<Object> sequence = Utils.createSequence();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            sequence.add(i);
        }
        return sequence;
    }

    private static Object hash(List<?> args) {
        arguments("$hash", args, 2);
        if (!(args.get(0) instanceof String data) || !(args.get(1) instanceof String algorithm)) {
            throw error("$hash: the data and the algorithm must be strings");
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw error("$hash: unsupported algorithm " + algorithm + "; use one of "
                    + HASH_ALGORITHMS.stream().sorted().toList());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a standard JDK algorithm", e);
        }
    }

    private static Object random(List<?> args) {
        if (args.isEmpty() || args.get(0) == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        return new Random(integer("$random", args.get(0))).nextDouble();
    }

    private static Object parse(List<?> args) {
        arguments("$parse", args, 1);
        if (!(args.get(0) instanceof String text)) {
            throw error("$parse: the argument must be a string");
        }
        try {
            return JsonataValues.toJsonata(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw error("$parse: the argument is not valid JSON: " + e.getMessage());
        }
    }

    private static void arguments(String function, List<?> args, int expected) {
        if (args.size() != expected) {
            throw error(function + " takes " + expected + " arguments but got " + args.size());
        }
    }

    private static long integer(String function, Object value) {
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw error(function + ": expected an integer but got " + value);
        }
        return number.longValue();
    }

    private static int positiveInteger(String function, Object value) {
        long number = integer(function, value);
        if (number <= 0 || number > Integer.MAX_VALUE) {
            throw error(function + ": expected a positive integer but got " + value);
        }
        return (int) number;
    }

    private static JException error(String message) {
        return new JException(MESSAGE_ERROR, -1, message);
    }
}
