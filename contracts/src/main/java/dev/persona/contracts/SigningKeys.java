package dev.persona.contracts;

/**
 * The key that signs CloudFront download URLs, kept in Secrets Manager and rotated by the signing-key rotation
 * function: what its secret value holds, and the settings both the CDK app and the local runtime use.
 *
 * <p>The secret value is JSON: {@value #KEY_PAIR_ID} (the CloudFront public key id that signed URLs name),
 * {@value #PRIVATE_KEY} (PKCS#8 PEM of an RSA 2048 key), {@value #PUBLIC_KEY} (its X.509 PEM) and
 * {@value #CREATED_AT}. Before the first rotation the secret holds {@value #BOOTSTRAP_VALUE}: no key yet.
 */
public final class SigningKeys {

    public static final String KEY_PAIR_ID = "keyPairId";
    public static final String PRIVATE_KEY = "privateKeyPem";
    public static final String PUBLIC_KEY = "publicKeyPem";
    public static final String CREATED_AT = "createdAt";
    /** The value the secret is created with: the rotation that runs when its schedule is created writes the key. */
    public static final String BOOTSTRAP_VALUE = "{\"bootstrap\":true}";
    /** Days between rotations. */
    public static final int ROTATION_DAYS = 30;
    /** RSA modulus size CloudFront accepts for signed URLs (it takes 2048-bit keys). */
    public static final int KEY_BITS = 2048;
    /** Public keys the rotation creates are named this and the rotation's client request token. */
    public static final String PUBLIC_KEY_NAME_PREFIX = "persona-download-";
    /**
     * The public key in the key group when it is created, with no private key anywhere: CloudFormation needs one
     * key in a key group, and no URL can be signed for it. The first rotation's key joins it; a later rotation
     * removes it like any retired key. Fixed, so synthesis stays byte-identical: its private key was generated with
     * it and destroyed.
     */
    public static final String PLACEHOLDER_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApIqqo4zMxO+g0xG5Ie24
            y7uGM9ks2WWuiX7H0zrjxdx3yyzS1CgBiTRW/+I5ZLe/0GTb2aoROMPTchFbwKy2
            N7VcFwjEFckqHY7RehA6trpiZDiOe1ONEeRCqVn76GiaIs9oSbV74ISsCiwlklEa
            NR1FrV6Rwf0aajkQSSfZa90S0pSK5HZDZu3SGG1iWpb4JJkCTUxeA/WTICdsbKy7
            jKhF5gs01IMN2obqM5DR+ZVPbKOYkfv3nws+xlQqSr70ixWTtpdiLy038QNsA7T7
            QwYTanVBWnQe/vclbl+ZxyN1nX9CN9KY8gwd2SGYOdiAv+03hBaEoWIxosvssx90
            jQIDAQAB
            -----END PUBLIC KEY-----
            """;

    private SigningKeys() {
    }
}
