package dev.persona.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the clients a function primes itself with before a SnapStart snapshot: it answers every
 * request in this process, so priming runs the SDK's whole path (marshalling, endpoint rules, signing, the request
 * body, unmarshalling) without a connection or a real endpoint. JSON protocols (DynamoDB) get an empty object;
 * the others (S3, STS) an empty body, which unmarshals to an empty result or, where the shape needs elements, a
 * client-side error the primer expects.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] EMPTY_JSON_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger answered = new AtomicInteger();

    int answered() {
        return answered.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // Read to the end, as a real client sends it: request bodies are part of the path.
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                boolean json = request.httpRequest().firstMatchingHeader("Content-Type")
                        .filter(type -> type.startsWith("application/x-amz-json")).isPresent();
                byte[] body = json ? EMPTY_JSON_OBJECT : new byte[0];
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200)
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .putHeader("x-amz-request-id", "priming");
                if (json) {
                    response.putHeader("Content-Type", "application/x-amz-json-1.0");
                }
                answered.incrementAndGet();
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is built in this thread.
            }
        };
    }

    @Override
    public String clientName() {
        return "Priming";
    }

    @Override
    public void close() {
        // Holds no connections or threads.
    }
}
