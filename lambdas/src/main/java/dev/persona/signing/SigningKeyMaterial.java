package dev.persona.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.SigningKeys;
import dev.persona.json.Json;

/**
 * The download signing key as its secret holds it ({@link SigningKeys}): generated, written, read back. Keys are RSA
 * 2048, private keys PKCS#8 and public keys X.509 SubjectPublicKeyInfo, both PEM, as CloudFront takes them.
 */
public final class SigningKeyMaterial {

    private SigningKeyMaterial() {
    }

    /** A key of the secret: the CloudFront public key id that names it, the private key, the public key as PEM. */
    public record StoredKey(String keyPairId, PrivateKey privateKey, String publicKeyPem, Instant createdAt) {
    }

    /** A secret value that holds no key yet: the value the secret is created with, before its first rotation. */
    public static final class NoKeyYetException extends RuntimeException {
        public NoKeyYetException(String message) {
            super(message, null, false, false);
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(SigningKeys.KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret value of a key pair registered as {@code keyPairId}. */
    public static String format(String keyPairId, KeyPair pair, Instant createdAt) {
        ObjectNode value = Json.MAPPER.createObjectNode();
        value.put(SigningKeys.KEY_PAIR_ID, keyPairId);
        value.put(SigningKeys.PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        value.put(SigningKeys.PUBLIC_KEY, publicKeyPem(pair.getPublic()));
        value.put(SigningKeys.CREATED_AT, createdAt.toString());
        return value.toString();
    }

    /**
     * The key a secret value holds.
     *
     * @throws NoKeyYetException when it holds none (the bootstrap value, or anything without a key)
     */
    public static StoredKey parse(String secretValue) {
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(secretValue);
        } catch (IOException e) {
            throw new NoKeyYetException("the signing key's secret is not JSON");
        }
        if (value == null || !value.hasNonNull(SigningKeys.KEY_PAIR_ID) || !value.hasNonNull(SigningKeys.PRIVATE_KEY)) {
            throw new NoKeyYetException("the signing key's secret holds no key yet: its first rotation has not run");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(value.get(SigningKeys.PRIVATE_KEY).asText())));
            return new StoredKey(value.get(SigningKeys.KEY_PAIR_ID).asText(), privateKey,
                    value.path(SigningKeys.PUBLIC_KEY).asText(null),
                    value.hasNonNull(SigningKeys.CREATED_AT) ? Instant.parse(value.get(SigningKeys.CREATED_AT).asText())
                            : null);
        } catch (GeneralSecurityException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new NoKeyYetException("the signing key's secret holds a key that cannot be read");
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    /** Whether {@code privateKey} and the public key {@code publicKeyPem} are one pair: a signature made verifies. */
    public static boolean pairs(PrivateKey privateKey, String publicKeyPem) {
        try {
            byte[] probe = "persona signing key test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA1withRSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA1withRSA");
            verifier.initVerify(publicKey(publicKeyPem));
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
