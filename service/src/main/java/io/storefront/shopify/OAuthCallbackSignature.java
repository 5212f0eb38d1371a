package io.storefront.shopify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify signs the install callback's query: hex HMAC-SHA256 (client secret) of every other parameter, sorted by
 * key and joined as {@code k=v&k=v}, values percent-encoded with spaces as {@code %20}.
 */
public final class OAuthCallbackSignature {

    private OAuthCallbackSignature() {}

    public static String sign(Map<String, String> params, String clientSecret) {
        String message = new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("hmac") && !e.getKey().equals("signature"))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the given hmac with the one the parameters deserve. */
    public static boolean verify(Map<String, String> params, String clientSecret) {
        String given = params.get("hmac");
        if (given == null) {
            return false;
        }
        byte[] expected = sign(params, clientSecret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }

}
