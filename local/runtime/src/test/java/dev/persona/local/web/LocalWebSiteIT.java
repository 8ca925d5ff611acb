package dev.persona.local.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.WebApp;
import dev.persona.contracts.WebSecurityHeaders;
import dev.persona.local.http.LoopbackHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built web app served as CloudFront serves it: files, app routes, config.json, cache and security headers. */
class LocalWebSiteIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = WebSecurityHeaders.contentSecurityPolicy(
            List.of("http://127.0.0.1:3004", "http://127.0.0.1:3001"));
    private static LoopbackHttpServer server;

    @BeforeAll
    static void start() {
        LocalWebSite site = LocalWebSite.fromClasspath(WebAppConfig.of("http://127.0.0.1:3000", "us-east-1",
                "http://127.0.0.1:3004", "persona-local", 1024), CSP);
        server = LoopbackHttpServer.start("site", "127.0.0.1", 0, site);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theEntryPageServesTheRootAndEveryAppRouteWithTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/upload", "/jobs/01JD8Z6Q3K7M2N4P5R6S7T8V9W", "/auth/callback")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).contains("<main id=\"main\"");
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).contains(WebApp.REVALIDATE_CACHE_CONTROL);
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(CSP);
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains(WebSecurityHeaders.REFERRER_POLICY);
            assertThat(page.headers().firstValue("Permissions-Policy")).contains(WebSecurityHeaders.PERMISSIONS_POLICY);
        }
        assertThat(get("/").body()).as("nothing inline for the CSP to refuse").doesNotContain("<script>")
                .doesNotContain("<style").doesNotContain("style=");
    }

    @Test
    void hashedAssetsAreCachedForAYearAndRevalidatedByTheirEntityTag() throws Exception {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/").body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).contains(WebApp.IMMUTABLE_CACHE_CONTROL);
        String etag = asset.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri(script.group(1)))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void configJsonHoldsTheRuntimesSettings() throws Exception {
        HttpResponse<String> response = get("/" + WebApp.CONFIG_FILE);
        assertThat(response.headers().firstValue("Cache-Control")).contains(WebApp.REVALIDATE_CACHE_CONTROL);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.path(WebApp.Config.AUTH_DOMAIN).asText()).isEqualTo("http://127.0.0.1:3004");
        assertThat(config.path(WebApp.Config.CLIENT_ID).asText()).isEqualTo("persona-local");
        assertThat(config.path(WebApp.Config.MAX_UPLOAD_BYTES).asLong()).isEqualTo(1024);
        assertThat(config.path(WebApp.Config.MULTIPART_PART_BYTES).asLong()).isEqualTo(WebApp.MULTIPART_PART_BYTES);
    }

    @Test
    void missingFilesClimbingPathsAndOtherMethodsAreProblems() throws Exception {
        for (String path : List.of("/assets/missing.js",
                "/dev/persona/local/web/LocalWebSite.class")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        // A path that climbs above the root, or has an empty segment, names no file: the HTTP layer refuses it.
        for (String path : List.of("/assets/../../pom.xml", "/%2e%2e/pom.xml", "/assets//index.js")) {
            HttpResponse<String> climbing = get(path);
            assertThat(climbing.statusCode()).as(path).isEqualTo(400);
            assertThat(climbing.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    private static URI uri(String path) {
        return URI.create(server.endpoint() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
