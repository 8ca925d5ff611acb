package dev.persona.aws;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;

import static org.assertj.core.api.Assertions.assertThat;

/** One HTTP client on the classpath: the SDK never loads a second at cold start. */
class HttpClientClasspathTest {

    @Test
    void onlyTheUrlConnectionClientIsPresent() {
        assertThat(ServiceLoader.load(SdkHttpService.class).stream().map(p -> p.type().getName()))
                .containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
        assertThat(ServiceLoader.load(SdkAsyncHttpService.class).stream()).isEmpty();
    }
}
