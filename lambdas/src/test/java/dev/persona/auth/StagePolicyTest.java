package dev.persona.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagePolicyTest {

    @ParameterizedTest
    @CsvSource({
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs, arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*",
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs/01J0ABC, arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*",
            "arn:aws:execute-api:us-east-1:123456789012:xyz/$default/DELETE/v1/me/data, arn:aws:execute-api:us-east-1:123456789012:xyz/$default/*/*",
            "arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:api1/dev/POST/, arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:api1/dev/*/*"
    })
    void allowsTheWholeStageOfTheMethodArn(String methodArn, String expected) {
        assertThat(StagePolicy.wholeStage(methodArn)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "arn:aws:s3:::bucket/key", "arn:aws:execute-api:eu-west-1:123456789012:abc123",
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod", "arn:aws:execute-api:eu-west-1:1:/prod/GET/x",
            "not:an:arn:at:all:x/y/z"})
    void refusesAnythingThatIsNotAMethodArn(String methodArn) {
        assertThatThrownBy(() -> StagePolicy.wholeStage(methodArn)).isInstanceOf(IllegalArgumentException.class);
    }
}
