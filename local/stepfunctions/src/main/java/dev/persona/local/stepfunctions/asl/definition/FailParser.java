package dev.persona.local.stepfunctions.asl.definition;

import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.states.FailState;
import dev.persona.local.stepfunctions.asl.states.State;

/** Fail states: Error and Cause as literals, paths or intrinsic calls (JSONPath) or JSONata templates. */
final class FailParser {

    private final Expressions expressions;

    FailParser(Expressions expressions) {
        this.expressions = expressions;
    }

    FailState parse(Fields fields, State.Header header, QueryLanguage language) {
        fields.exclusive("Error", "ErrorPath");
        fields.exclusive("Cause", "CausePath");
        if (language == QueryLanguage.JSONATA) {
            return new FailState(header, null, null, null, null, text(fields, "Error"), text(fields, "Cause"));
        }
        return new FailState(header, fields.string("Error"), fields.string("Cause"),
                expressions.dynamic(fields, "ErrorPath"), expressions.dynamic(fields, "CausePath"), null, null);
    }

    private JsonataTemplate text(Fields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        fields.string(name);
        return expressions.jsonata(fields, name);
    }
}
