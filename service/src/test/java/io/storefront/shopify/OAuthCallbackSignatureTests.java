package io.storefront.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class OAuthCallbackSignatureTests {

    // Shopify's documented example (secret "hush")
    private static Map<String, String> documented() {
        Map<String, String> query = new HashMap<>();
        query.put("code", "0907a61c0c8d55e99db179b68161bc00");
        query.put("shop", "some-shop.myshopify.com");
        query.put("state", "0.6784241404160823");
        query.put("timestamp", "1337178173");
        query.put("hmac", "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
        return query;
    }

    @Test
    void verifies_shopifys_documented_example() {
        assertThat(OAuthCallbackSignature.verify(documented(), "hush")).isTrue();
    }

    @Test
    void rejects_a_changed_parameter_a_wrong_secret_an_uppercase_or_missing_hmac() {
        Map<String, String> changed = documented();
        changed.put("shop", "other-shop.myshopify.com");
        assertThat(OAuthCallbackSignature.verify(changed, "hush")).isFalse();
        assertThat(OAuthCallbackSignature.verify(documented(), "hush!")).isFalse();
        Map<String, String> upper = documented();
        upper.put("hmac", upper.get("hmac").toUpperCase());
        assertThat(OAuthCallbackSignature.verify(upper, "hush")).isFalse();
        Map<String, String> none = documented();
        none.remove("hmac");
        assertThat(OAuthCallbackSignature.verify(none, "hush")).isFalse();
    }

    @Test
    void encodes_spaces_as_percent_20_and_sorts_keys() {
        Map<String, String> a = new HashMap<>(Map.of("b", "x y", "a", "1"));
        String signature = OAuthCallbackSignature.sign(a, "k");
        a.put("hmac", signature);
        assertThat(OAuthCallbackSignature.verify(a, "k")).isTrue();
        assertThat(signature).matches("[0-9a-f]{64}");
    }
}
