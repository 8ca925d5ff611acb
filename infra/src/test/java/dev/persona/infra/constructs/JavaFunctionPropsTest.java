package dev.persona.infra.constructs;

import dev.persona.contracts.LambdaFunctions;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.lambda.Code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaFunctionPropsTest {

    private static final Code CODE = TestStages.standInLambdaCode();

    private static JavaFunction.Props props(Size ephemeralStorage, Boolean snapStart) {
        return new JavaFunction.Props(LambdaFunctions.PREPROCESS, CODE, null, 2048, Duration.minutes(15),
                ephemeralStorage, null, null, snapStart);
    }

    @Test
    void snapStartIsOnByDefaultAndOffWhenTmpExceedsWhatSnapStartAllows() {
        assertThat(props(null, null).snapStart()).isTrue();
        assertThat(props(Size.mebibytes(512), null).snapStart()).isTrue();
        assertThat(props(Size.gibibytes(4), null).snapStart()).isFalse();
    }

    @Test
    void refusesSnapStartWithLargeTmp() {
        assertThatThrownBy(() -> props(Size.gibibytes(4), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SnapStart needs ephemeral storage of at most 512 MiB: preprocess");
    }
}
