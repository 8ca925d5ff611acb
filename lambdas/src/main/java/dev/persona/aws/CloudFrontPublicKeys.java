package dev.persona.aws;

import java.util.List;
import java.util.Optional;

import dev.persona.signing.CdnPublicKeys;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetKeyGroupResponse;
import software.amazon.awssdk.services.cloudfront.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.cloudfront.model.KeyGroupConfig;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.PublicKeyList;
import software.amazon.awssdk.services.cloudfront.model.PublicKeySummary;

/**
 * {@link CdnPublicKeys} on the CloudFront API with the SDK v2 client. Key group updates name the ETag they read
 * ({@code If-Match}) and are read again and retried when someone else changed the group meanwhile.
 */
public final class CloudFrontPublicKeys implements CdnPublicKeys {

    static final int UPDATE_ATTEMPTS = 3;
    private static final String COMMENT = "Download signing key of persona-pipeline, created by its rotation";

    private final CloudFrontClient cloudFront;

    public CloudFrontPublicKeys(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    @Override
    public String create(String name, String callerReference, String pem) {
        return cloudFront.createPublicKey(create -> create.publicKeyConfig(config -> config.name(name)
                .callerReference(callerReference).encodedKey(pem).comment(COMMENT))).publicKey().id();
    }

    @Override
    public Optional<PublicKeyInfo> findByName(String name) {
        String marker = null;
        do {
            String from = marker;
            PublicKeyList page = cloudFront.listPublicKeys(list -> list.marker(from)).publicKeyList();
            for (PublicKeySummary key : page.items() == null ? List.<PublicKeySummary>of() : page.items()) {
                if (name.equals(key.name())) {
                    return Optional.of(new PublicKeyInfo(key.id(), key.name(), key.encodedKey(), key.createdTime()));
                }
            }
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return Optional.empty();
    }

    @Override
    public PublicKeyInfo get(String id) {
        GetPublicKeyResponse response = cloudFront.getPublicKey(get -> get.id(id));
        return new PublicKeyInfo(response.publicKey().id(), response.publicKey().publicKeyConfig().name(),
                response.publicKey().publicKeyConfig().encodedKey(), response.publicKey().createdTime());
    }

    @Override
    public void delete(String id) {
        String etag = cloudFront.getPublicKey(get -> get.id(id)).eTag();
        cloudFront.deletePublicKey(delete -> delete.id(id).ifMatch(etag));
    }

    @Override
    public List<String> groupItems(String groupId) {
        return List.copyOf(cloudFront.getKeyGroup(get -> get.id(groupId)).keyGroup().keyGroupConfig().items());
    }

    @Override
    public void setGroupItems(String groupId, List<String> items) {
        for (int attempt = 1; ; attempt++) {
            GetKeyGroupResponse group = cloudFront.getKeyGroup(get -> get.id(groupId));
            KeyGroupConfig config = group.keyGroup().keyGroupConfig().toBuilder().items(items).build();
            try {
                cloudFront.updateKeyGroup(update -> update.id(groupId).ifMatch(group.eTag()).keyGroupConfig(config));
                return;
            } catch (PreconditionFailedException e) {
                if (attempt == UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
