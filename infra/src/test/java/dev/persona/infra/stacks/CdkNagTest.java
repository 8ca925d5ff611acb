package dev.persona.infra.stacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.persona.infra.SynthesizedStage;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.constructs.IConstruct;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AWS Solutions rules over the whole stage: nothing open, every acknowledgement specific and used. */
class CdkNagTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final Pattern REPORT_ROW = Pattern.compile("^\"([^\"]*)\",\"([^\"]*)\",\"([^\"]*)\"");

    /** A rule acknowledged on a resource. */
    record Acknowledgement(String rule, String path, String reason, List<?> appliesTo) {
    }

    private static List<Acknowledgement> acknowledgements() {
        List<Acknowledgement> found = new ArrayList<>();
        for (Stack stack : STAGE.templates().keySet()) {
            for (IConstruct construct : stack.getNode().findAll()) {
                if (construct instanceof CfnResource resource && resource.getMetadata("cdk_nag") instanceof Map<?, ?> metadata) {
                    for (Object rule : (List<?>) metadata.get("rules_to_suppress")) {
                        Map<?, ?> suppression = (Map<?, ?>) rule;
                        found.add(new Acknowledgement(String.valueOf(suppression.get("id")), resource.getNode().getPath(),
                                String.valueOf(suppression.get("reason")),
                                suppression.get("applies_to") instanceof List<?> list ? list : List.of()));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noStackHasAnOpenErrorOrWarning() {
        for (Stack stack : STAGE.templates().keySet()) {
            Annotations annotations = Annotations.fromStack(stack);
            assertThat(annotations.findError("*", Match.anyValue())).as(stack.getStackName() + " errors")
                    .extracting(message -> message.getId() + ": " + message.getEntry().getData()).isEmpty();
            assertThat(annotations.findWarning("*", Match.anyValue())).as(stack.getStackName() + " warnings")
                    .extracting(message -> message.getId() + ": " + message.getEntry().getData()).isEmpty();
        }
    }

    @Test
    void theRulesAcknowledgedAreTheReviewedOnes() {
        Set<String> rules = new TreeSet<>(acknowledgements().stream().map(Acknowledgement::rule).toList());
        assertThat(rules).containsExactlyInAnyOrder("AwsSolutions-L1", "AwsSolutions-IAM4", "AwsSolutions-IAM5",
                        "AwsSolutions-SQS3", "AwsSolutions-COG2", "AwsSolutions-COG3", "AwsSolutions-COG4",
                        "AwsSolutions-APIG3", "AwsSolutions-CFR1", "AwsSolutions-CFR2", "AwsSolutions-CFR4");
    }

    @Test
    void everyAcknowledgementExplainsItselfAndNamesItsFindingWhereTheRuleIsGranular() {
        assertThat(acknowledgements()).isNotEmpty().allSatisfy(acknowledgement -> {
            assertThat(acknowledgement.reason()).as(acknowledgement.path()).hasSizeGreaterThan(60);
            if (acknowledgement.rule().matches("AwsSolutions-IAM[45]")) {
                assertThat(acknowledgement.appliesTo()).as(acknowledgement.path() + " names its findings").isNotEmpty();
            }
        });
    }

    @Test
    void everyAcknowledgementSuppressesAFindingOfItsResource() throws IOException {
        Set<String> suppressed = new TreeSet<>();
        try (var reports = Files.list(STAGE.assemblyDirectory)) {
            for (Path report : reports.filter(path -> path.getFileName().toString().endsWith("NagReport.csv")).toList()) {
                for (String line : Files.readAllLines(report)) {
                    Matcher row = REPORT_ROW.matcher(line);
                    if (row.find() && row.group(3).equals("Suppressed")) {
                        suppressed.add(row.group(1) + " " + owner(row.group(2)));
                    }
                }
            }
        }
        assertThat(suppressed).isNotEmpty();
        for (Acknowledgement acknowledgement : acknowledgements()) {
            assertThat(suppressed).as("unused acknowledgement").contains(acknowledgement.rule() + " " + owner(acknowledgement.path()));
        }
    }

    /** The construct a finding belongs to: a role's default policy counts as the role's. */
    private static String owner(String resourcePath) {
        String owner = resourcePath.replaceFirst("/Resource$", "");
        return owner.replaceFirst("/DefaultPolicy$", "");
    }
}
