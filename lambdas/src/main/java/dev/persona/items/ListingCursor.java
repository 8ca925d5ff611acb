package dev.persona.items;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.json.Json;

/**
 * Where the next page of a listing starts: the key of the last item read, as DynamoDB's {@code LastEvaluatedKey}
 * names it (string attributes only). Opaque on the wire (base64url of JSON). A cursor is only taken back by the
 * listing that made it, for the same caller: the partition attribute must be the caller, the attributes exactly the
 * listing's, and a listing may require one of them to start with its own prefix (a tag listing's sort key). Anything
 * else is a 400 {@code INVALID_CURSOR}.
 */
public final class ListingCursor {

    private final Map<String, String> key;

    public ListingCursor(Map<String, String> key) {
        this.key = Map.copyOf(new TreeMap<>(key));
    }

    /** The key attributes and their values. */
    public Map<String, String> key() {
        return key;
    }

    public String encode() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        new TreeMap<>(key).forEach(json::put);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@code encoded} as the listing it belongs to expects it.
     *
     * @param attributes       exactly the key attributes of the listing's index
     * @param userAttribute    the attribute that must equal {@code userId}
     * @param prefixAttribute  an attribute that must start with {@code prefix}, or null
     */
    public static ListingCursor decode(String encoded, Set<String> attributes, String userAttribute, String userId,
            String prefixAttribute, String prefix) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(encoded));
            if (json == null || !json.isObject() || json.size() != attributes.size()) {
                throw invalid();
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String attribute : attributes) {
                JsonNode value = json.get(attribute);
                if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                    throw invalid();
                }
                key.put(attribute, value.asText());
            }
            if (!key.get(userAttribute).equals(userId)
                    || (prefixAttribute != null && !key.get(prefixAttribute).startsWith(prefix))) {
                throw invalid();
            }
            return new ListingCursor(key);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR);
    }
}
