package dev.persona.local.iam;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys a request carries, with their values ({@code s3:prefix}, {@code kms:ViaService},
 * {@code aws:PrincipalArn}…). Keys are matched without regard to case, as IAM matches them.
 */
public final class RequestContext {

    public static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, String> values;

    private RequestContext(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static RequestContext of(Map<String, String> values) {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                lowerCase.put(key.toLowerCase(Locale.ROOT), value);
            }
        });
        return new RequestContext(lowerCase);
    }

    /** This context with one more key (replacing it when present). */
    public RequestContext with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        if (value != null) {
            more.put(key.toLowerCase(Locale.ROOT), value);
        }
        return new RequestContext(more);
    }

    /** The value of a key, or null when the request does not carry it. */
    public String value(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** Every key and value, keys in lower case. */
    public Map<String, String> values() {
        return values;
    }
}
