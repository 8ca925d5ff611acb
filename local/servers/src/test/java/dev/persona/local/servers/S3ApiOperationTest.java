package dev.persona.local.servers;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class S3ApiOperationTest {

    @Test
    void everyOperationNamesAHandlerMethodS3ProxyDeclares() throws Exception {
        Set<String> declared = Arrays.stream(Class.forName(S3ApiOperation.HANDLER_CLASS).getDeclaredMethods())
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(S3ApiOperation.values())
                .allSatisfy(operation -> assertThat(declared).as(operation.name()).contains(operation.handlerMethod()));
    }

    @Test
    void noOperationOutsideARequest() {
        assertThat(S3ApiOperation.current()).isEmpty();
    }
}
