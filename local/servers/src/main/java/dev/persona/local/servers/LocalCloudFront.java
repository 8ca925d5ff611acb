package dev.persona.local.servers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * The public keys and key groups of Amazon CloudFront's API on loopback (REST-XML, version {@value #VERSION}): the
 * part of CloudFront that signed URLs depend on, so that the unmodified SDK {@code CloudFrontClient} manages the keys
 * a local download distribution ({@link LocalCdn}) trusts. Operations: {@code CreatePublicKey}, {@code GetPublicKey},
 * {@code DeletePublicKey} (with {@code If-Match}; refused while a key group holds the key), {@code ListPublicKeys},
 * {@code GetKeyGroup} and {@code UpdateKeyGroup} (with {@code If-Match}; every key it names must exist). Errors are
 * CloudFront's ({@code NoSuchPublicKey}, {@code NoSuchResource}, {@code PreconditionFailed},
 * {@code InvalidIfMatchVersion}, {@code PublicKeyInUse}, {@code PublicKeyAlreadyExists}, {@code InvalidArgument}).
 * Everything else is refused. The key group the distribution trusts exists from the start, with one public key, as
 * the CDK app creates it ({@link Builder#keyGroup}). With a data directory, keys and groups survive restarts.
 */
public final class LocalCloudFront implements AutoCloseable {

    public static final String VERSION = "2020-05-31";
    private static final String XMLNS = "http://cloudfront.amazonaws.com/doc/" + VERSION + "/";
    private static final String PREFIX = "/" + VERSION + "/";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Builder settings;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private LoopbackEndpoint server;

    private LocalCloudFront(Builder settings) {
        this.settings = settings;
        load();
        if (settings.keyGroupId != null && !groups.containsKey(settings.keyGroupId)) {
            Key placeholder = new Key(newKeyId(), settings.keyGroupName + "-initial", "cfn-" + settings.keyGroupId,
                    settings.initialPublicKey, "Created with the key group", settings.clock.instant(), etag());
            keys.put(placeholder.id, placeholder);
            groups.put(settings.keyGroupId, new Group(settings.keyGroupId, settings.keyGroupName, "Download signing keys",
                    new ArrayList<>(List.of(placeholder.id)), settings.clock.instant(), etag()));
            save();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalCloudFront start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackEndpoint.start("cloudfront-api", settings.host, settings.port, this::serve);
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    /** A client of this endpoint signing with {@code credentials}. Close it. */
    public CloudFrontClient client(AwsCredentialsProvider credentials) {
        return CloudFrontClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The public key {@code keyPairId}, when the key group {@code groupId} trusts it: what a distribution verifies. */
    public synchronized Optional<PublicKey> trustedKey(String groupId, String keyPairId) {
        Group group = groups.get(groupId);
        if (group == null || !group.items.contains(keyPairId)) {
            return Optional.empty();
        }
        return Optional.of(publicKey(keys.get(keyPairId).encodedKey));
    }

    /** The ids of the keys the group trusts. */
    public synchronized List<String> groupItems(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? List.of() : List.copyOf(group.items);
    }

    // ---- the protocol ----

    private LoopbackEndpoint.HttpResponse serve(LoopbackEndpoint.HttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        try {
            if (!request.path().startsWith(PREFIX)) {
                throw new Refusal(404, "NoSuchResource", "The requested resource does not exist.");
            }
            String[] path = request.path().substring(PREFIX.length()).split("/", -1);
            String method = request.method();
            LoopbackEndpoint.HttpResponse response;
            synchronized (this) {
                response = switch (path[0] + " " + method + " " + path.length) {
                    case "public-key POST 1" -> createPublicKey(request);
                    case "public-key GET 1" -> listPublicKeys(request);
                    case "public-key GET 2" -> getPublicKey(request, path[1]);
                    case "public-key DELETE 2" -> deletePublicKey(request, path[1]);
                    case "key-group GET 2" -> getKeyGroup(request, path[1]);
                    case "key-group PUT 2" -> updateKeyGroup(request, path[1]);
                    default -> {
                        check(request, "cloudfront:Unknown" + method);
                        throw new Refusal(400, "InvalidArgument", "The local CloudFront API does not implement "
                                + method + " " + request.path() + ".");
                    }
                };
            }
            return response.withHeader("x-amz-request-id", requestId);
        } catch (Refusal refusal) {
            String xml = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type>"
                    + "<Code>" + refusal.code + "</Code><Message>" + escape(refusal.getMessage()) + "</Message></Error>"
                    + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
            return LoopbackEndpoint.HttpResponse.of(refusal.status, "text/xml", xml.getBytes(StandardCharsets.UTF_8))
                    .withHeader("x-amz-request-id", requestId);
        }
    }

    private LoopbackEndpoint.HttpResponse createPublicKey(LoopbackEndpoint.HttpRequest request) {
        check(request, "cloudfront:CreatePublicKey");
        Element config = parse(request.body(), "PublicKeyConfig");
        String callerReference = child(config, "CallerReference");
        String name = child(config, "Name");
        String encodedKey = child(config, "EncodedKey");
        if (callerReference == null || name == null || encodedKey == null) {
            throw invalidArgument("CallerReference, Name and EncodedKey are required.");
        }
        if (!name.matches("[A-Za-z0-9_-]{1,128}")) {
            throw invalidArgument("The name may hold letters, digits, - and _, at most 128 characters.");
        }
        publicKey(encodedKey);
        for (Key key : keys.values()) {
            if (key.callerReference.equals(callerReference) || key.name.equals(name)) {
                throw new Refusal(409, "PublicKeyAlreadyExists", "The specified public key already exists.");
            }
        }
        Key key = new Key(newKeyId(), name, callerReference, encodedKey, child(config, "Comment"),
                settings.clock.instant(), etag());
        keys.put(key.id, key);
        save();
        return xml(201, publicKeyXml(key)).withHeader("ETag", key.etag)
                .withHeader("Location", "https://cloudfront.amazonaws.com/" + VERSION + "/public-key/" + key.id);
    }

    private LoopbackEndpoint.HttpResponse getPublicKey(LoopbackEndpoint.HttpRequest request, String id) {
        check(request, "cloudfront:GetPublicKey");
        Key key = key(id);
        return xml(200, publicKeyXml(key)).withHeader("ETag", key.etag);
    }

    private LoopbackEndpoint.HttpResponse deletePublicKey(LoopbackEndpoint.HttpRequest request, String id) {
        check(request, "cloudfront:DeletePublicKey");
        Key key = key(id);
        ifMatch(request, key.etag);
        if (groups.values().stream().anyMatch(group -> group.items.contains(id))) {
            throw new Refusal(409, "PublicKeyInUse", "The specified public key is in use.");
        }
        keys.remove(id);
        save();
        return new LoopbackEndpoint.HttpResponse(204, Map.of(), null, 0);
    }

    private LoopbackEndpoint.HttpResponse listPublicKeys(LoopbackEndpoint.HttpRequest request) {
        check(request, "cloudfront:ListPublicKeys");
        Map<String, String> query = query(request.rawQuery());
        int max = Integer.parseInt(query.getOrDefault("MaxItems", "100"));
        List<Key> all = new ArrayList<>(keys.values());
        int from = 0;
        if (query.containsKey("Marker") && !query.get("Marker").isEmpty()) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id.equals(query.get("Marker"))) {
                    from = i;
                }
            }
        }
        List<Key> page = all.subList(from, Math.min(all.size(), from + max));
        StringBuilder xml = new StringBuilder("<PublicKeyList xmlns=\"" + XMLNS + "\">");
        if (from + max < all.size()) {
            xml.append("<NextMarker>").append(all.get(from + max).id).append("</NextMarker>");
        }
        xml.append("<MaxItems>").append(max).append("</MaxItems><Quantity>").append(page.size()).append("</Quantity>");
        if (!page.isEmpty()) {
            xml.append("<Items>");
            for (Key key : page) {
                xml.append("<PublicKeySummary><Id>").append(key.id).append("</Id><Name>").append(escape(key.name))
                        .append("</Name><CreatedTime>").append(time(key.created)).append("</CreatedTime><EncodedKey>")
                        .append(escape(key.encodedKey)).append("</EncodedKey>");
                if (key.comment != null) {
                    xml.append("<Comment>").append(escape(key.comment)).append("</Comment>");
                }
                xml.append("</PublicKeySummary>");
            }
            xml.append("</Items>");
        }
        return xml(200, xml.append("</PublicKeyList>").toString());
    }

    private LoopbackEndpoint.HttpResponse getKeyGroup(LoopbackEndpoint.HttpRequest request, String id) {
        check(request, "cloudfront:GetKeyGroup");
        Group group = group(id);
        return xml(200, keyGroupXml(group)).withHeader("ETag", group.etag);
    }

    private LoopbackEndpoint.HttpResponse updateKeyGroup(LoopbackEndpoint.HttpRequest request, String id) {
        check(request, "cloudfront:UpdateKeyGroup");
        Group group = group(id);
        ifMatch(request, group.etag);
        Element config = parse(request.body(), "KeyGroupConfig");
        String name = child(config, "Name");
        if (name == null) {
            throw invalidArgument("Name is required.");
        }
        List<String> items = new ArrayList<>();
        NodeList publicKeys = config.getElementsByTagNameNS("*", "PublicKey");
        for (int i = 0; i < publicKeys.getLength(); i++) {
            items.add(publicKeys.item(i).getTextContent().strip());
        }
        if (items.isEmpty()) {
            throw invalidArgument("A key group holds at least one public key.");
        }
        for (String item : items) {
            if (!keys.containsKey(item)) {
                throw new Refusal(404, "NoSuchPublicKey", "The specified public key does not exist: " + item);
            }
        }
        group.name = name;
        group.comment = child(config, "Comment");
        group.items = items;
        group.modified = settings.clock.instant();
        group.etag = etag();
        save();
        return xml(200, keyGroupXml(group)).withHeader("ETag", group.etag);
    }

    private void ifMatch(LoopbackEndpoint.HttpRequest request, String etag) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Refusal(400, "InvalidIfMatchVersion", "The If-Match version is missing or not valid.");
        }
        if (!ifMatch.equals(etag)) {
            throw new Refusal(412, "PreconditionFailed", "The precondition in one or more of the request fields "
                    + "evaluated to false.");
        }
    }

    /** CloudFront's key and key group actions support no resource-level permissions: they are authorized on *. */
    private void check(LoopbackEndpoint.HttpRequest request, String action) {
        if (settings.gate == null) {
            return;
        }
        try {
            settings.gate.check(new AwsRequestGate.SignedRequest(request.method(), request.path(), request.rawQuery(),
                    request.headers(), request.body()), "cloudfront", List.of(AwsRequestGate.Requirement.of(action, "*")));
        } catch (AwsRequestGate.AwsGateException e) {
            throw switch (e.reason()) {
                case MISSING_AUTHENTICATION -> new Refusal(403, "MissingAuthenticationToken", e.getMessage());
                case UNKNOWN_KEY -> new Refusal(403, "InvalidClientTokenId", e.getMessage());
                case EXPIRED_TOKEN -> new Refusal(403, "ExpiredToken", e.getMessage());
                case BAD_SIGNATURE -> new Refusal(403, "SignatureDoesNotMatch", e.getMessage());
                case ACCESS_DENIED -> new Refusal(403, "AccessDenied", e.getMessage());
            };
        }
    }

    private Key key(String id) {
        Key key = keys.get(id);
        if (key == null) {
            throw new Refusal(404, "NoSuchPublicKey", "The specified public key does not exist.");
        }
        return key;
    }

    private Group group(String id) {
        Group group = groups.get(id);
        if (group == null) {
            throw new Refusal(404, "NoSuchResource", "The specified key group does not exist.");
        }
        return group;
    }

    private static String publicKeyXml(Key key) {
        return "<PublicKey xmlns=\"" + XMLNS + "\"><Id>" + key.id + "</Id><CreatedTime>" + time(key.created)
                + "</CreatedTime><PublicKeyConfig><CallerReference>" + escape(key.callerReference)
                + "</CallerReference><Name>" + escape(key.name) + "</Name><EncodedKey>" + escape(key.encodedKey)
                + "</EncodedKey>" + (key.comment == null ? "" : "<Comment>" + escape(key.comment) + "</Comment>")
                + "</PublicKeyConfig></PublicKey>";
    }

    private static String keyGroupXml(Group group) {
        StringBuilder xml = new StringBuilder("<KeyGroup xmlns=\"" + XMLNS + "\"><Id>" + group.id + "</Id>"
                + "<LastModifiedTime>" + time(group.modified) + "</LastModifiedTime><KeyGroupConfig><Name>"
                + escape(group.name) + "</Name><Items>");
        group.items.forEach(item -> xml.append("<PublicKey>").append(item).append("</PublicKey>"));
        xml.append("</Items>");
        if (group.comment != null) {
            xml.append("<Comment>").append(escape(group.comment)).append("</Comment>");
        }
        return xml.append("</KeyGroupConfig></KeyGroup>").toString();
    }

    private static LoopbackEndpoint.HttpResponse xml(int status, String body) {
        return LoopbackEndpoint.HttpResponse.of(status, "text/xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static Element parse(byte[] body, String root) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(
                    new String(body, StandardCharsets.UTF_8))));
            Element element = document.getDocumentElement();
            if (!root.equals(element.getLocalName())) {
                throw new Refusal(400, "MalformedXML", "The XML document is not a " + root + ".");
            }
            return element;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new Refusal(400, "MalformedXML", "The XML document is not well formed.");
        }
    }

    private static String child(Element element, String name) {
        NodeList nodes = element.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static PublicKey publicKey(String pem) {
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalidArgument("The encoded key is not an RSA public key in PEM.");
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Refusal invalidArgument(String message) {
        return new Refusal(400, "InvalidArgument", message);
    }

    /** CloudFront's public key ids: {@code K} and 13 upper-case letters and digits. */
    private String newKeyId() {
        StringBuilder id = new StringBuilder("K");
        for (int i = 0; i < 13; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private String etag() {
        StringBuilder etag = new StringBuilder("E");
        for (int i = 0; i < 13; i++) {
            etag.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return etag.toString();
    }

    // ---- storage ----

    private static final class Key {
        final String id;
        final String name;
        final String callerReference;
        final String encodedKey;
        final String comment;
        final Instant created;
        final String etag;

        Key(String id, String name, String callerReference, String encodedKey, String comment, Instant created,
                String etag) {
            this.id = id;
            this.name = name;
            this.callerReference = callerReference;
            this.encodedKey = encodedKey;
            this.comment = comment;
            this.created = created;
            this.etag = etag;
        }
    }

    private static final class Group {
        final String id;
        String name;
        String comment;
        List<String> items;
        Instant modified;
        String etag;

        Group(String id, String name, String comment, List<String> items, Instant modified, String etag) {
            this.id = id;
            this.name = name;
            this.comment = comment;
            this.items = items;
            this.modified = modified;
            this.etag = etag;
        }
    }

    private Path file() {
        return settings.dataDirectory == null ? null : settings.dataDirectory.resolve("cloudfront.json");
    }

    private void load() {
        Path file = file();
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            for (JsonNode key : root.path("publicKeys")) {
                keys.put(key.get("id").asText(), new Key(key.get("id").asText(), key.get("name").asText(),
                        key.get("callerReference").asText(), key.get("encodedKey").asText(),
                        key.hasNonNull("comment") ? key.get("comment").asText() : null,
                        Instant.parse(key.get("created").asText()), key.get("etag").asText()));
            }
            for (JsonNode group : root.path("keyGroups")) {
                List<String> items = new ArrayList<>();
                group.path("items").forEach(item -> items.add(item.asText()));
                groups.put(group.get("id").asText(), new Group(group.get("id").asText(), group.get("name").asText(),
                        group.hasNonNull("comment") ? group.get("comment").asText() : null, items,
                        Instant.parse(group.get("modified").asText()), group.get("etag").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void save() {
        Path file = file();
        if (file == null) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode publicKeys = root.putArray("publicKeys");
        keys.values().forEach(key -> publicKeys.addObject().put("id", key.id).put("name", key.name)
                .put("callerReference", key.callerReference).put("encodedKey", key.encodedKey).put("comment", key.comment)
                .put("created", key.created.toString()).put("etag", key.etag));
        ArrayNode keyGroups = root.putArray("keyGroups");
        groups.values().forEach(group -> {
            ObjectNode node = keyGroups.addObject().put("id", group.id).put("name", group.name)
                    .put("comment", group.comment).put("modified", group.modified.toString()).put("etag", group.etag);
            ArrayNode items = node.putArray("items");
            group.items.forEach(items::add);
        });
        StateFiles.write(file, root);
    }

    /** An error answered in the protocol's shape. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Settings with defaults: loopback, a free port, in memory, no gate, no key group. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDirectory;
        private AwsRequestGate gate;
        private String keyGroupId;
        private String keyGroupName;
        private String initialPublicKey;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder gate(AwsRequestGate gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        /** A key group that exists from the start (unless the data directory holds it), holding one public key. */
        public Builder keyGroup(String id, String name, String initialPublicKeyPem) {
            this.keyGroupId = Objects.requireNonNull(id);
            this.keyGroupName = Objects.requireNonNull(name);
            this.initialPublicKey = Objects.requireNonNull(initialPublicKeyPem);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public LocalCloudFront build() {
            return new LocalCloudFront(this);
        }
    }
}
