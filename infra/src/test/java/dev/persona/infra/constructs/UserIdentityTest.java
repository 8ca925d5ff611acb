package dev.persona.infra.constructs;

import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity option the stage under test leaves off. */
class UserIdentityTest {

    @Test
    void threatProtectionEnforcesCognitosAdvancedSecurityOnThePlusPlan() throws Exception {
        App app = TestStages.app(Files.createTempDirectory("cdk-identity"));
        Stack stack = new Stack(app, "identity");
        new UserIdentity(stack, "Users", new UserIdentity.Props(TestStages.GOOGLE_CLIENT_ID,
                TestStages.GOOGLE_SECRET_NAME, TestStages.DOMAIN_PREFIX, List.of(TestStages.WEB_ORIGIN + "/"),
                List.of(TestStages.WEB_ORIGIN + "/"), true, false, null, null, null));

        JsonNode pool = SynthesizedStage.only(SynthesizedStage.JSON.valueToTree(Template.fromStack(stack).toJSON()),
                "AWS::Cognito::UserPool");
        assertThat(pool.at("/Properties/UserPoolTier").asText()).isEqualTo("PLUS");
        assertThat(pool.at("/Properties/UserPoolAddOns/AdvancedSecurityMode").asText()).isEqualTo("ENFORCED");
        assertThat(pool.at("/Metadata/cdk_nag").toString()).contains("COG2").as("nothing to acknowledge").doesNotContain("COG3");
    }
}
