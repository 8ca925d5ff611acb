package dev.persona.local.stepfunctions.asl.intrinsics;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;

/** An argument of an intrinsic function call: a literal, a path or a nested call. */
public sealed interface IntrinsicArgument {

    /** A literal; for strings {@code source} is the text between the quotes, escapes included. */
    record Literal(JsonNode value, String source) implements IntrinsicArgument {
    }

    record PathArgument(JsonPath path) implements IntrinsicArgument {
    }

    /** A call, as written in the definition ({@code text}). */
    record Call(IntrinsicFunction function, List<IntrinsicArgument> arguments, String text)
            implements IntrinsicArgument {
    }
}
