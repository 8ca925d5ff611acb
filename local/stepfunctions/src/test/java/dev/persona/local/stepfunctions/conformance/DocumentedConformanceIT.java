package dev.persona.local.stepfunctions.conformance;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.stepfunctions.asl.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases written from AWS's documented examples of Distributed Maps over S3 ({@code conformance/documented}),
 * run against the local S3.
 */
class DocumentedConformanceIT {

    private static LocalS3Server s3Server;
    private static S3Client s3;
    private static ConformanceRunner runner;
    private static List<ConformanceCase> cases;
    private static Path directory;

    @BeforeAll
    static void start() throws URISyntaxException {
        s3Server = LocalS3Server.builder().build().start();
        s3 = s3Server.client();
        runner = new ConformanceRunner(s3);
        directory = Path.of(DocumentedConformanceIT.class.getResource("/conformance/documented").toURI());
        cases = ConformanceCase.readAll(directory);
    }

    @AfterAll
    static void stop() {
        runner.close();
        s3.close();
        s3Server.close();
    }

    @Test
    void everyCaseSaysWhichDocumentedExampleItComesFrom() throws Exception {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(11);
        for (ConformanceCase testCase : cases) {
            JsonNode source = Json.parse(Files.readString(directory.resolve(testCase.name() + ".json")))
                    .path("source");
            assertThat(source.path("document").asText()).as(testCase.name())
                    .startsWith("https://docs.aws.amazon.com/step-functions/latest/dg/");
            assertThat(source.path("example").asText()).as(testCase.name()).isNotBlank();
            assertThat(source.path("expectedFrom").asText()).as(testCase.name()).isNotBlank();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesWhatAwsDocuments() {
        return cases.stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(), () -> {
            CaseResult result = runner.run(testCase);
            assertThat(result.passed()).as(testCase.name() + ": " + result.difference()).isTrue();
        }));
    }

    @Test
    void aCaseThatNeedsS3FailsWithoutIt() {
        try (ConformanceRunner withoutS3 = new ConformanceRunner()) {
            ConformanceCase testCase = cases.stream().filter(ConformanceCase::needsS3).findFirst().orElseThrow();
            assertThat(withoutS3.run(testCase).difference()).isEqualTo("the case needs S3 and none was given");
        }
    }
}
