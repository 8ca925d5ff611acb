package dev.persona.signing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The CloudFront public keys and the key group a rotation manages. */
public interface CdnPublicKeys {

    /** Registers a public key; returns its id. */
    String create(String name, String callerReference, String pem);

    Optional<PublicKeyInfo> findByName(String name);

    PublicKeyInfo get(String id);

    /** Deletes a public key that no key group holds. */
    void delete(String id);

    /** The ids of the public keys the key group trusts. */
    List<String> groupItems(String groupId);

    /** Makes the key group trust exactly {@code items}, keeping its name and comment. */
    void setGroupItems(String groupId, List<String> items);

    record PublicKeyInfo(String id, String name, String encodedKey, Instant createdTime) {
    }
}
