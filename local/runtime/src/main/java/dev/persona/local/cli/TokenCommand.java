package dev.persona.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.local.runtime.Endpoints;

/** {@code persona-local token [--user NAME]}: an ID token from the running stack's identity issuer. */
final class TokenCommand extends Command {

    static final String HELP = """
            Usage: persona-local token [--user NAME]

            Prints an ID token of the running stack's development identity issuer (start the stack with
            'persona-local up'), for use as 'Authorization: Bearer <token>' on the API. The API's user id is
            dev_NAME; the token is valid for one hour.

            Options:
              --user NAME  the user to sign in as: letters, digits, '_', '.' and '-' (default: demo)
              --help       show this help

            Exit status: 0 with the token on standard output; 1 when no stack is running or the issuer refused
            the name; 2 for bad arguments.
            """;

    private final Path endpointsFile;

    TokenCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of("--user"), 0);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) {
        String user = options.value("--user").orElse(DemoCommand.DEMO_USER);
        Optional<Endpoints> stack = Endpoints.read(endpointsFile).filter(Endpoints::isLive);
        if (stack.isEmpty()) {
            err.println("persona-local token: no stack is running (start one with ./persona-local up)");
            return PersonaLocal.FAILED;
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            stack.get().issuer().resolve("/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username="
                            + URLEncoder.encode(user, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200) {
                err.println("persona-local token: " + body.path("error_description").asText(response.body()));
                return PersonaLocal.FAILED;
            }
            out.println(body.path("id_token").asText());
            return PersonaLocal.OK;
        } catch (IOException e) {
            err.println("persona-local token: the issuer at " + stack.get().issuer() + " did not answer: " + e);
            return PersonaLocal.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PersonaLocal.FAILED;
        }
    }
}
