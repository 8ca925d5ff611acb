package dev.persona.signing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Secrets Manager operations a rotation function uses on the secret it rotates. */
public interface RotationSecrets {

    /** Whether rotation is on, and every version's stages. */
    Description describe(String secretArn);

    /** The value of a version in a stage; empty when that version has no value in that stage. */
    Optional<String> value(String secretArn, String versionId, String stage);

    /** The {@code AWSCURRENT} value. */
    String currentValue(String secretArn);

    /** Writes the version {@code token} with {@code value}, staged {@code AWSPENDING}. */
    void putPending(String secretArn, String token, String value);

    /** Moves {@code AWSCURRENT} from {@code currentVersionId} to {@code token}. */
    void makeCurrent(String secretArn, String token, String currentVersionId);

    record Description(boolean rotationEnabled, Map<String, List<String>> versionStages) {
        public Description {
            versionStages = Map.copyOf(versionStages);
        }
    }
}
