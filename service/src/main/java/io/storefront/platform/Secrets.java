package io.storefront.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two keys of the service: the JWT signing secret and the AES key for credentials at rest. Configured values
 * must be strong; in embedded mode missing ones are generated once and kept (owner-only) in the data dir so a
 * restart keeps sessions and can still decrypt stored tokens. Outside embedded mode a missing or weak key stops
 * the start-up: a guessable default would let anyone mint tokens.
 */
final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    static final int MIN_JWT_SECRET_BYTES = 32;

    private Secrets() {}

    static SecretKey jwtKey(@Nullable String configured, boolean embedded, Path dataDir) {
        String secret = configured != null && !configured.isBlank()
                ? configured
                : embedded ? kept(dataDir.resolve("jwt-secret"), "STOREFRONT_JWT_SECRET") : null;
        if (secret == null) {
            throw new IllegalStateException("STOREFRONT_JWT_SECRET is required outside the embedded mode"
                    + " (at least " + MIN_JWT_SECRET_BYTES + " random bytes, e.g. `openssl rand -base64 48`)");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_JWT_SECRET_BYTES || secret.chars().distinct().count() < 10) {
            throw new IllegalStateException("STOREFRONT_JWT_SECRET is too weak: use at least "
                    + MIN_JWT_SECRET_BYTES + " random characters (e.g. `openssl rand -base64 48`)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    static SecretKey encryptionKey(@Nullable String configured, boolean embedded, Path dataDir) {
        String encoded = configured != null && !configured.isBlank()
                ? configured
                : embedded ? kept(dataDir.resolve("encryption-key"), "STOREFRONT_ENCRYPTION_KEY") : null;
        if (encoded == null) {
            throw new IllegalStateException("STOREFRONT_ENCRYPTION_KEY is required outside the embedded mode"
                    + " (32 random bytes, base64: `openssl rand -base64 32`)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("STOREFRONT_ENCRYPTION_KEY must be base64 of 32 bytes");
        }
        if (key.length != 32) {
            throw new IllegalStateException("STOREFRONT_ENCRYPTION_KEY must be base64 of 32 bytes, got " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    private static String kept(Path file, String variable) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getEncoder().encodeToString(random);
            Files.writeString(file, value, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data dir's own permissions protect it
            }
            log.info("Generated {} for the embedded mode and kept it in {}", variable, file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
