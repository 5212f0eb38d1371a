package io.storefront.webhooks;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Shopify's webhook signature: base64(HMAC-SHA256(app secret, raw body bytes)). */
final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    static byte[] sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String signBase64(byte[] secret, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(secret, body));
    }

    /** Constant time in the signature's content; a header that is not base64 is simply wrong. */
    static boolean matches(byte[] secret, byte[] body, @Nullable String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body), claimed);
    }
}
