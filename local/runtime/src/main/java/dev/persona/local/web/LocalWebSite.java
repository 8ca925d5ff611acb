package dev.persona.local.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.persona.contracts.WebApp;
import dev.persona.contracts.WebSecurityHeaders;

/**
 * The web app as CloudFront serves it from the web bucket: the built files (classpath resources under
 * {@value #RESOURCE_ROOT}, which the web module packages), {@value WebApp#CONFIG_FILE} with this runtime's
 * settings, {@value WebApp#INDEX} for {@code /} and for every path whose last segment has no extension (what the
 * distribution's viewer-request function does), the cache headers the deployment gives each file, and on every
 * response the security headers of {@link WebSecurityHeaders}, the content security policy included.
 *
 * <p>Not like CloudFront: a missing file is a 404 problem document (S3 behind origin access control answers
 * 403), and there is no HSTS header, as the site is served over plain HTTP on loopback.
 */
public final class LocalWebSite implements HttpHandler {

    /** Where the web module's jar keeps the built site. */
    static final String RESOURCE_ROOT = "persona-web/";
    /** Letters, digits and {@code . _ -} in segments separated by single slashes: nothing that could climb. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*/?");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");

    private final ClassLoader resources;
    private final byte[] config;
    private final String contentSecurityPolicy;
    private final Map<String, Optional<StaticFile>> files = new ConcurrentHashMap<>();

    private record StaticFile(byte[] body, String contentType, String cacheControl, String etag) {
    }

    private LocalWebSite(ClassLoader resources, Map<String, Object> config, String contentSecurityPolicy) {
        this.resources = resources;
        this.contentSecurityPolicy = Objects.requireNonNull(contentSecurityPolicy);
        try {
            this.config = JsonMapper.builder().build().writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the configuration is not JSON", e);
        }
    }

    /**
     * The site built by the web module, found on the classpath.
     *
     * @param config                 the members of {@value WebApp#CONFIG_FILE}
     * @param contentSecurityPolicy  what {@link WebSecurityHeaders#contentSecurityPolicy} gives for this runtime
     * @throws IllegalStateException when the web module's files are not on the classpath
     */
    public static LocalWebSite fromClasspath(Map<String, Object> config, String contentSecurityPolicy) {
        LocalWebSite site = new LocalWebSite(LocalWebSite.class.getClassLoader(), config, contentSecurityPolicy);
        if (site.file("/" + WebApp.INDEX).isEmpty()) {
            throw new IllegalStateException("the web app is not on the classpath (" + RESOURCE_ROOT + WebApp.INDEX
                    + "): build the web module");
        }
        return site;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            securityHeaders(headers);
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                problem(exchange, 405, "Method Not Allowed", "the site only serves GET and HEAD");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Optional<StaticFile> file = resolve(path);
            if (file.isEmpty()) {
                problem(exchange, 404, "Not Found", "no file " + path);
                return;
            }
            send(exchange, file.get(), method.equals("HEAD"));
        }
    }

    /** The file a path stands for: the configuration, an app route's entry page, or a built file. */
    private Optional<StaticFile> resolve(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        if (path.equals("/" + WebApp.CONFIG_FILE)) {
            return Optional.of(new StaticFile(config, CONTENT_TYPES.get("json"), WebApp.REVALIDATE_CACHE_CONTROL,
                    etag(config)));
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return file(lastSegment.indexOf('.') < 0 ? "/" + WebApp.INDEX : path);
    }

    private Optional<StaticFile> file(String path) {
        return files.computeIfAbsent(path, this::load);
    }

    private Optional<StaticFile> load(String path) {
        String name = RESOURCE_ROOT + path.substring(1);
        try (InputStream in = resources.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String cacheControl = path.startsWith("/" + WebApp.ASSETS_DIRECTORY) ? WebApp.IMMUTABLE_CACHE_CONTROL
                    : WebApp.REVALIDATE_CACHE_CONTROL;
            return Optional.of(new StaticFile(body, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
                    cacheControl, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private void securityHeaders(Headers headers) {
        headers.set(WebSecurityHeaders.CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", WebSecurityHeaders.FRAME_OPTIONS);
        headers.set("Referrer-Policy", WebSecurityHeaders.REFERRER_POLICY);
        headers.set("Permissions-Policy", WebSecurityHeaders.PERMISSIONS_POLICY);
        headers.set("Cross-Origin-Opener-Policy", WebSecurityHeaders.CROSS_ORIGIN_OPENER_POLICY);
    }

    private static void send(HttpExchange exchange, StaticFile file, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", file.contentType());
        headers.set("Cache-Control", file.cacheControl());
        headers.set("ETag", file.etag());
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(file.etag())) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (head) {
            headers.set("Content-Length", Integer.toString(file.body().length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, file.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.body());
        }
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        String type = "urn:persona:problem:" + title.toLowerCase(Locale.ROOT).replace(' ', '-');
        byte[] body = JsonMapper.builder().build().createObjectNode()
                .put("type", type).put("title", title).put("status", status).put("detail", detail)
                .toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A strong entity tag from the content, as S3 gives one per object. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
