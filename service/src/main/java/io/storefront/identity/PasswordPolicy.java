package io.storefront.identity;

import io.storefront.platform.ApiProblems.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * At least 10 characters, at most 72 bytes in UTF-8 (all bcrypt reads: 72 ASCII characters, fewer accented ones or
 * emoji), and not the email. A cap in bytes rather than characters, so no two passwords differing after byte 72 hash
 * alike and the hasher never refuses one the policy let through.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    static final class WeakPassword extends ApiException {
        WeakPassword(String detail) {
            super(HttpStatus.BAD_REQUEST, "weak-password", "Password does not meet the policy", detail);
            getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", "password", "message", detail)));
        }
    }

    /** Longer than bcrypt can hash: no stored password can be such a one. */
    static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    static void check(String email, String password) {
        if (password.length() < MIN_LENGTH) {
            throw new WeakPassword("Use at least " + MIN_LENGTH + " characters.");
        }
        if (tooLong(password)) {
            throw new WeakPassword("Use at most " + MAX_BYTES
                    + " bytes in UTF-8: 72 ASCII characters, fewer accented letters (2 bytes) or emoji (4 bytes).");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if (lower.equals(email) || (localPart.length() >= 4 && lower.contains(localPart))) {
            throw new WeakPassword("The password must not be or contain your email.");
        }
        if (password.chars().distinct().count() < 4) {
            throw new WeakPassword("Use more than a few distinct characters.");
        }
    }
}
