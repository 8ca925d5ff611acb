package dev.persona.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

/**
 * CloudFront signed URLs of objects of the uploads bucket, on the download distribution whose path is the object's
 * key (its origin is the bucket, through origin access control): a canned policy valid for a few minutes, signed
 * with the current signing key (SHA-1 with RSA, as CloudFront requires), naming its public key's id.
 */
public final class DownloadSigner {

    private final CachedSigningKey keys;
    private final URI baseUrl;
    private final Duration lifetime;
    private final Clock clock;
    private final CloudFrontUtilities utilities = CloudFrontUtilities.create();

    public DownloadSigner(CachedSigningKey keys, URI baseUrl, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A signed URL, and when it expires. */
    public record SignedDownload(String url, String expiresAt) {
    }

    /** The signed URL of the object {@code key}. */
    public SignedDownload sign(String key) {
        SigningKeyMaterial.StoredKey signingKey = keys.current();
        // The policy names whole seconds; CloudFront compares them with its clock.
        Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        String url = utilities.getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                .resourceUrl(objectUrl(key))
                .privateKey(signingKey.privateKey())
                .keyPairId(signingKey.keyPairId())
                .expirationDate(expires)
                .build()).url();
        return new SignedDownload(url, expires.toString());
    }

    /** The object's URL on the distribution: each segment of its key percent-encoded. */
    String objectUrl(String key) {
        StringBuilder url = new StringBuilder(baseUrl.toString().replaceAll("/+$", ""));
        for (String segment : key.split("/", -1)) {
            url.append('/').append(encode(segment));
        }
        return url.toString();
    }

    private static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
