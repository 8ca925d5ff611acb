package dev.persona.local.stepfunctions.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole AWS-recorded corpus, vendored in this module's test resources ({@code conformance/asl}, with its
 * licence and README). Every case must pass, except those listed in {@code conformance-known-failures.txt},
 * which must still fail.
 */
class ConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures.txt";
    private static final String CORPUS = "/conformance/asl";

    private static List<ConformanceCase> cases;
    private static Map<String, String> knownFailures;
    private static ConformanceRunner runner;

    @BeforeAll
    static void load() throws IOException {
        Path corpus = corpus();
        assertThat(corpus).as("the vendored conformance corpus").isDirectory();
        cases = ConformanceCase.readAll(corpus);
        knownFailures = knownFailures();
        runner = new ConformanceRunner();
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    /** The corpus as the test classpath holds it ({@code target/test-classes/conformance/asl}). */
    static Path corpus() {
        try {
            return Path.of(ConformanceTest.class.getResource(CORPUS).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> failures = new LinkedHashMap<>();
        try (InputStream in = ConformanceTest.class.getResourceAsStream(KNOWN_FAILURES)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.lines().toList()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int hash = entry.indexOf('#');
                String name = (hash < 0 ? entry : entry.substring(0, hash)).strip();
                String reason = hash < 0 ? "" : entry.substring(hash + 1).strip();
                failures.put(name, reason);
            }
        }
        return failures;
    }

    @Test
    void theCorpusIsComplete() {
        assertThat(cases).hasSize(867);
    }

    @Test
    void theCorpusKeepsItsLicenceAndReadme() {
        assertThat(corpus().resolve("LICENSE.localstack.txt")).content().contains("Apache License, Version 2.0");
        assertThat(corpus().resolve("README.md")).content().contains("ASL conformance corpus");
    }

    @Test
    void everyKnownFailureNamesACaseWithAReason() {
        List<String> names = cases.stream().map(ConformanceCase::name).toList();
        knownFailures.forEach((name, reason) -> {
            assertThat(names).as("known failure " + name).contains(name);
            assertThat(reason).as("reason for " + name).isNotBlank();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCaseBehavesAsOnAws() {
        return cases.stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(), () -> {
            CaseResult result = runner.run(testCase);
            if (knownFailures.containsKey(testCase.name())) {
                assertThat(result.passed()).as(testCase.name() + " passes now: remove it from " + KNOWN_FAILURES)
                        .isFalse();
            } else {
                assertThat(result.passed()).as(testCase.name() + ": " + result.difference()).isTrue();
            }
        }));
    }

    @Test
    void theCorpusFilesAreReadWithTheirExpectations() throws IOException {
        Path file = corpus().resolve("base__state_fail_path.json");
        ConformanceCase testCase = ConformanceCase.read(file);
        assertThat(testCase.expectedStatus()).isEqualTo("FAILED");
        assertThat(testCase.expectedError()).isEqualTo("error string");
        assertThat(testCase.expectedCause()).isEqualTo("cause string");
        assertThat(Files.readString(file)).contains("\"ErrorPath\"");
    }
}
