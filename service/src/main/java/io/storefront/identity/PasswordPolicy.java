package io.storefront.identity;

import io.storefront.platform.ApiProblems.ApiException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** At least 10 characters, at most 128 (bcrypt reads 72 bytes; longer is a DoS lever), and not the email. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    static final class WeakPassword extends ApiException {
        WeakPassword(String detail) {
            super(HttpStatus.BAD_REQUEST, "weak-password", "Password does not meet the policy", detail);
            getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", "password", "message", detail)));
        }
    }

    static void check(String email, String password) {
        if (password.length() < MIN_LENGTH) {
            throw new WeakPassword("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw new WeakPassword("Use at most " + MAX_LENGTH + " characters.");
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
