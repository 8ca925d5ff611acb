package dev.persona.contracts;

import java.util.List;
import java.util.Objects;

/**
 * A Lambda function of the project: the CDK app deploys it with this handler and environment, the
 * local runtime instantiates the same handler class with the same variables.
 *
 * @param id                   logical id, also the CDK construct id and the local function name
 * @param handler              Lambda handler string ({@code package.Class::method})
 * @param description          what the function does
 * @param environmentVariables the {@link EnvironmentVariables} it reads
 */
public record FunctionDefinition(String id, String handler, String description, List<String> environmentVariables) {

    public FunctionDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(description, "description");
        environmentVariables = List.copyOf(environmentVariables);
    }

    /** The handler's class name, without the method. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
