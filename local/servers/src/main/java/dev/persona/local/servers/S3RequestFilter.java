package dev.persona.local.servers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The front of the local S3: every request is classified ({@link S3ApiOperation}), its credentials read from
 * wherever S3 reads them (the {@code Authorization} header, a presigned query, the fields of a browser POST form)
 * and handed to the {@link S3RequestGate} before S3Proxy sees it; a refusal is S3's XML error, with the CORS
 * headers a browser needs to read it. The operation stays known to the store while S3Proxy serves the request.
 */
final class S3RequestFilter implements Filter {

    /** S3 refuses POST form fields before the file beyond about 20 KB; this much is read ahead at most. */
    static final int MAX_FORM_PREAMBLE = 64 * 1024;
    /** The most of a refused request's body read before answering; a longer one gets its connection closed. */
    static final long MAX_DRAINED = 16L * 1024 * 1024;

    private static final Pattern V4_CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern V2_AUTHORIZATION = Pattern.compile("^AWS ([^:]+):");
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD_NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final S3RequestGate gate;
    private final List<String> corsOrigins;

    S3RequestFilter(S3RequestGate gate, List<String> corsOrigins) {
        this.gate = gate;
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!LoopbackHosts.allowed(request.getHeader("Host"), request.getLocalPort())) {
            refuse(request, response, new S3GateException(400, "InvalidRequest", LoopbackHosts.REFUSAL));
            return;
        }
        if (!fromAllowedOrigin(request)) {
            refuse(request, response, new S3GateException(403, "AccessDenied",
                    "Requests sent by pages of " + request.getHeader("Origin") + " are not allowed"));
            return;
        }
        String[] path = request.getRequestURI().split("/", 3);
        String bucket = path.length > 1 && !path[1].isEmpty() ? decode(path[1]) : null;
        String key = path.length > 2 && !path[2].isEmpty() ? decode(path[2]) : null;
        Map<String, List<String>> query = query(request.getQueryString());
        S3ApiOperation operation = S3ApiOperation.classify(request.getMethod(), bucket != null, key != null,
                query.keySet(), name -> request.getHeader(name) != null);
        HttpServletRequest served = request;
        try {
            Map<String, String> form = Map.of();
            if (gate != null && operation == S3ApiOperation.POST_OBJECT) {
                FormPreamble preamble = FormPreamble.read(request);
                form = preamble.fields();
                served = preamble.replaying(request);
                String formKey = form.get("key");
                key = formKey == null ? null : formKey.replace("${filename}", preamble.fileName());
            }
            requireLiteralKeys(key, query, request);
            requireDeclaredBody(operation, request);
            requireSignedAmzHeaders(query, request);
            if (operation == S3ApiOperation.DELETE_OBJECTS) {
                DeleteObjectsBody body = DeleteObjectsBody.read(served);
                body.keys().forEach(LiteralKeys::requireKey);
                served = body.replaying(served);
            }
            if (gate != null && operation != S3ApiOperation.OPTIONS_PREFLIGHT) {
                gate.check(credentials(operation, request, bucket, key, query, form));
            }
        } catch (S3GateException e) {
            refuse(request, response, e);
            return;
        }
        S3ApiOperation previous = operation.begin();
        try {
            chain.doFilter(served, response);
        } finally {
            S3ApiOperation.end(previous);
        }
    }

    /**
     * False for a request a browser sends for a page of another origin than the configured web app's. S3 serves
     * those and only withholds the CORS headers; the local S3 refuses them: its account credentials are published,
     * so any site could sign a form upload (a simple request, sent without a preflight) and have a developer's
     * browser deliver it to loopback. The Host check stops DNS rebinding, not this cross-site request forgery.
     * Preflights are answered by the CORS rules, which refuse other origins anyway.
     */
    private boolean fromAllowedOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin == null || corsOrigins.contains(origin) || request.getMethod().equals("OPTIONS");
    }

    /**
     * S3 stores only what was declared: an upload says its length up front (S3 answers a PUT without
     * {@code Content-Length} with 411 {@code MissingContentLength}; an {@code aws-chunked} body declares it in
     * {@code x-amz-decoded-content-length}), so a presigned PUT signed for one length cannot carry another body.
     */
    private static void requireDeclaredBody(S3ApiOperation operation, HttpServletRequest request) {
        if (operation != S3ApiOperation.PUT_OBJECT && operation != S3ApiOperation.UPLOAD_PART) {
            return;
        }
        if (request.getHeader("Content-Length") == null && request.getHeader("x-amz-decoded-content-length") == null) {
            throw new S3GateException(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
    }

    /**
     * A presigned request may carry only the {@code x-amz-*} headers its signature covers, as S3 requires: otherwise
     * whoever holds the URL could add an ACL, a storage class, metadata or a website redirect the signer never saw.
     */
    private static void requireSignedAmzHeaders(Map<String, List<String>> query, HttpServletRequest request) {
        String signed = first(query, "X-Amz-SignedHeaders");
        if (signed == null) {
            return;
        }
        List<String> signedHeaders = List.of(signed.toLowerCase(Locale.ROOT).split(";"));
        List<String> unsigned = new java.util.ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") && !signedHeaders.contains(lower)) {
                unsigned.add(lower);
            }
        }
        if (!unsigned.isEmpty()) {
            throw S3GateException.accessDenied("There were headers present in the request which were not signed: "
                    + String.join(", ", unsigned));
        }
    }

    /** Every key the request names, and the listing's prefix and markers, must be stored literally. */
    private static void requireLiteralKeys(String key, Map<String, List<String>> query, HttpServletRequest request) {
        if (key != null) {
            LiteralKeys.requireKey(key);
        }
        for (String listing : List.of("prefix", "marker", "start-after", "key-marker")) {
            String value = first(query, listing);
            if (value != null) {
                LiteralKeys.requirePrefix(value);
            }
        }
        String copySource = request.getHeader("x-amz-copy-source");
        if (copySource != null) {
            String source = decode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
            int version = source.indexOf("?versionId=");
            source = version < 0 ? source : source.substring(0, version);
            int slash = source.indexOf('/');
            if (slash > 0) {
                LiteralKeys.requireKey(source.substring(slash + 1));
            }
        }
    }

    private static S3Request credentials(S3ApiOperation operation, HttpServletRequest request, String bucket, String key,
            Map<String, List<String>> query, Map<String, String> form) {
        String accessKeyId = null;
        String token = null;
        String authType = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            accessKeyId = first(V4_CREDENTIAL, authorization);
            if (accessKeyId == null) {
                accessKeyId = first(V2_AUTHORIZATION, authorization);
            }
            token = request.getHeader("x-amz-security-token");
            authType = "REST-HEADER";
        } else if (first(query, "X-Amz-Credential") != null || first(query, "AWSAccessKeyId") != null) {
            String credential = first(query, "X-Amz-Credential");
            accessKeyId = credential != null ? credential.split("/", 2)[0] : first(query, "AWSAccessKeyId");
            token = first(query, "X-Amz-Security-Token");
            authType = "REST-QUERY-STRING";
        } else if (!form.isEmpty() && (form.containsKey("x-amz-credential") || form.containsKey("awsaccesskeyid"))) {
            String credential = form.get("x-amz-credential");
            accessKeyId = credential != null ? credential.split("/", 2)[0] : form.get("awsaccesskeyid");
            token = form.get("x-amz-security-token");
            authType = "POST";
        }
        return new S3Request(operation, request.getMethod(), bucket, key, query, request::getHeader, accessKeyId,
                token, authType, form);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, S3GateException error)
            throws IOException {
        // The client may be sending a body: read it (up to a bound) so the answer reaches the client and the
        // connection stays usable, or close the connection after a larger one.
        if (!drain(request)) {
            response.setHeader("Connection", "close");
        }
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        response.setStatus(error.status());
        response.setHeader("x-amz-request-id", requestId);
        String origin = request.getHeader("Origin");
        if (origin != null && corsOrigins.contains(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", "ETag, x-amz-version-id, x-amz-request-id");
        }
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(error.code())
                + "</Code><Message>" + xml(error.getMessage()) + "</Message><RequestId>" + requestId
                + "</RequestId><HostId>" + requestId + "</HostId></Error>").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Reads and discards the request's body; false when it is longer than {@link #MAX_DRAINED}. */
    private static boolean drain(HttpServletRequest request) {
        try {
            InputStream body = request.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long drained = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                drained += n;
                if (drained > MAX_DRAINED) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** S3Proxy reads the path with {@link URLDecoder}; the gate must see the bucket and key S3Proxy will use. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return query;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String first(Pattern pattern, String text) {
        Matcher match = pattern.matcher(text);
        return match.find() ? match.group(1) : null;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The fields of a browser POST form before its file, read ahead of S3Proxy and replayed to it: S3 takes the
     * key, the credentials and the policy from them, and ignores fields after the file.
     */
    record FormPreamble(byte[] bytes, Map<String, String> fields, String fileName) {

        static FormPreamble read(HttpServletRequest request) throws IOException {
            String contentType = request.getContentType();
            Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
            if (boundaryMatch == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                    || !boundaryMatch.find()) {
                throw new S3GateException(412, "PreconditionFailed",
                        "Bucket POST must be of the enclosure-type multipart/form-data");
            }
            String boundary = "--" + (boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2));
            InputStream in = request.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            Map<String, String> fields = new LinkedHashMap<>();
            byte[] chunk = new byte[8192];
            while (true) {
                String text = read.toString(StandardCharsets.ISO_8859_1);
                Parsed parsed = parse(text, boundary, fields);
                if (parsed != null) {
                    return new FormPreamble(read.toByteArray(), Collections.unmodifiableMap(fields), parsed.fileName);
                }
                if (read.size() > MAX_FORM_PREAMBLE) {
                    throw new S3GateException(400, "MaxPostPreDataLengthExceeded",
                            "Your POST request fields preceding the upload file were too large.");
                }
                int n = in.read(chunk);
                if (n < 0) {
                    throw new S3GateException(400, "IncorrectNumberOfFilesInPostRequest",
                            "POST requires exactly one file upload per request.");
                }
                read.write(chunk, 0, n);
            }
        }

        private record Parsed(String fileName) {
        }

        /** The file part's name once its headers have arrived (fields before it collected), or null before. */
        private static Parsed parse(String text, String boundary, Map<String, String> fields) {
            fields.clear();
            int at = text.indexOf(boundary);
            while (at >= 0) {
                int headersStart = at + boundary.length() + 2;
                int headersEnd = text.indexOf("\r\n\r\n", headersStart);
                if (headersEnd < 0) {
                    return null;
                }
                String headers = text.substring(headersStart, headersEnd);
                String name = firstMatch(FIELD_NAME, headers);
                if (name != null && name.equalsIgnoreCase("file")) {
                    String fileName = firstMatch(FILE_NAME, headers);
                    return new Parsed(fileName == null ? "" : new String(fileName.getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8));
                }
                int next = text.indexOf("\r\n" + boundary, headersEnd + 4);
                if (next < 0) {
                    return null;
                }
                if (name != null) {
                    fields.put(name.toLowerCase(Locale.ROOT), new String(text.substring(headersEnd + 4, next)
                            .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
                at = next + 2;
            }
            return null;
        }

        private static String firstMatch(Pattern pattern, String text) {
            Matcher match = pattern.matcher(text);
            return match.find() ? match.group(1) : null;
        }

        /** The request with the read-ahead bytes put back in front of the rest of its body. */
        HttpServletRequest replaying(HttpServletRequest request) throws IOException {
            return prepend(request, bytes);
        }
    }

    /**
     * A DeleteObjects request's XML body, read ahead of S3Proxy (S3 allows 1,000 keys a request) and replayed to it,
     * so that every key it names is checked before the store sees it.
     */
    record DeleteObjectsBody(byte[] bytes, List<String> keys) {

        /** S3 refuses larger Delete documents than a thousand keys make. */
        static final int MAX_BYTES = 2 * 1024 * 1024;

        static DeleteObjectsBody read(HttpServletRequest request) throws IOException {
            byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new S3GateException(400, "MalformedXML", "The XML you provided was not well-formed or did not "
                        + "validate against our published schema");
            }
            return new DeleteObjectsBody(body, keys(body));
        }

        HttpServletRequest replaying(HttpServletRequest request) throws IOException {
            return prepend(request, bytes);
        }

        /** The text of every {@code Key} element, character references resolved as S3Proxy's parser resolves them. */
        private static List<String> keys(byte[] body) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            List<String> keys = new java.util.ArrayList<>();
            try {
                XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(body));
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Key")) {
                        keys.add(xml.getElementText());
                    }
                }
            } catch (XMLStreamException e) {
                throw new S3GateException(400, "MalformedXML", "The XML you provided was not well-formed or did not "
                        + "validate against our published schema");
            }
            return keys;
        }
    }

    /** The request with {@code head} put back in front of the rest of its body. */
    static HttpServletRequest prepend(HttpServletRequest request, byte[] head) throws IOException {
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(head), request.getInputStream());
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    private boolean finished;

                    @Override
                    public int read() throws IOException {
                        int b = replay.read();
                        finished = b < 0;
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = replay.read(buffer, offset, length);
                        finished = n < 0;
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return finished;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("S3Proxy reads request bodies blocking");
                    }
                };
            }
        };
    }
}
