package dev.persona.local.stepfunctions.conformance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.InvalidDefinitionException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;

/**
 * Runs conformance cases on virtual time and compares each result with AWS's by the corpus's rules: status
 * equal; output equal with exact types after removing ignorePaths; error and cause equal, where cause
 * placeholders such as {@code <json-input:1>} match any text.
 */
public final class ConformanceRunner implements AutoCloseable {

    private static final Pattern PLACEHOLDER_TOKEN = Pattern.compile("<[a-z-]+:\\d+>");

    private final Map<String, LocalStepFunctions> engines = new HashMap<>();

    public CaseResult run(ConformanceCase testCase) {
        ConformanceCase.Names names = testCase.names();
        LocalStepFunctions engine = engines.computeIfAbsent(names.accountId() + "/" + names.region(),
                key -> LocalStepFunctions.builder()
                        .accountId(names.accountId())
                        .region(names.region())
                        .timeSource(new VirtualTimeSource())
                        .executionThreads(1)
                        .functionLogs(line -> { })
                        .build());
        ExecutionOutcome outcome;
        try {
            outcome = engine.run(Json.write(testCase.definition()), testCase.input(),
                    new LocalStepFunctions.RunNames(names.stateMachineName(), names.executionName(),
                            names.roleArn())).outcome();
        } catch (InvalidDefinitionException e) {
            return CaseResult.fail(testCase.name(), "definition rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.fail(testCase.name(), "interpreter error: " + e);
        }
        return compare(testCase, outcome);
    }

    static CaseResult compare(ConformanceCase testCase, ExecutionOutcome outcome) {
        String name = testCase.name();
        if (!outcome.status().name().equals(testCase.expectedStatus())) {
            return CaseResult.fail(name, "status: expected " + testCase.expectedStatus() + " but was "
                    + outcome.status() + describe(outcome));
        }
        if (testCase.expectedStatus().equals("SUCCEEDED")) {
            Optional<String> difference = ExactJson.difference(testCase.expectedOutput(), outcome.output(),
                    testCase.ignorePaths());
            return difference.map(d -> CaseResult.fail(name, "output " + d)).orElse(CaseResult.pass(name));
        }
        if (!Objects.equals(testCase.expectedError(), outcome.error())) {
            return CaseResult.fail(name, "error: expected " + testCase.expectedError() + " but was "
                    + outcome.error() + " (cause: " + outcome.cause() + ")");
        }
        if (!causeMatches(testCase.expectedCause(), outcome.cause(), testCase.causePlaceholders())) {
            return CaseResult.fail(name, "cause: expected " + testCase.expectedCause() + " but was "
                    + outcome.cause());
        }
        return CaseResult.pass(name);
    }

    private static String describe(ExecutionOutcome outcome) {
        return outcome.error() == null && outcome.cause() == null ? ""
                : " (" + outcome.error() + ": " + outcome.cause() + ")";
    }

    private static boolean causeMatches(String expected, String actual, List<String> placeholders) {
        if (expected == null || actual == null || placeholders.isEmpty()) {
            return Objects.equals(expected, actual);
        }
        StringBuilder regex = new StringBuilder();
        int last = 0;
        var matcher = PLACEHOLDER_TOKEN.matcher(expected);
        while (matcher.find()) {
            if (placeholders.contains(matcher.group())) {
                regex.append(Pattern.quote(expected.substring(last, matcher.start()))).append(".*");
                last = matcher.end();
            }
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    @Override
    public void close() {
        engines.values().forEach(LocalStepFunctions::close);
    }
}
