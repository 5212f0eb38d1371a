package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SecretsTests {

    @TempDir
    Path dir;

    @Test
    void refuses_to_start_without_a_strong_jwt_secret_outside_embedded_mode() throws Exception {
        assertThatThrownBy(() -> Secrets.jwtKey(null, false, dir)).hasMessageContaining("STOREFRONT_JWT_SECRET");
        assertThatThrownBy(() -> Secrets.jwtKey("changeme", false, dir)).hasMessageContaining("too weak");
        assertThatThrownBy(() -> Secrets.jwtKey("a".repeat(64), false, dir)).hasMessageContaining("too weak");
        assertThatThrownBy(() -> Secrets.encryptionKey(null, false, dir)).hasMessageContaining("STOREFRONT_ENCRYPTION_KEY");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void embedded_mode_generates_keys_once_and_keeps_them() throws Exception {
        byte[] first = Secrets.jwtKey(null, true, dir).getEncoded();
        byte[] again = Secrets.jwtKey(null, true, dir).getEncoded();
        assertThat(first).isEqualTo(again);
        assertThat(Secrets.encryptionKey(null, true, dir).getEncoded()).hasSize(32)
                .isEqualTo(Secrets.encryptionKey(null, true, dir).getEncoded());
        assertThat(Files.getPosixFilePermissions(dir.resolve("jwt-secret")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void sealed_credentials_open_only_with_the_same_key_and_row() {
        SecretBox box = new SecretBox(Secrets.encryptionKey(Base64.getEncoder().encodeToString(new byte[32]), false, dir));
        byte[] sealed = box.seal("shpat_secret", "tenant-1:access_token");
        assertThat(new String(sealed)).doesNotContain("shpat_secret");
        assertThat(box.open(sealed, "tenant-1:access_token")).isEqualTo("shpat_secret");
        assertThatThrownBy(() -> box.open(sealed, "tenant-2:access_token")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox wrongKey = new SecretBox(Secrets.encryptionKey(Base64.getEncoder().encodeToString(other), false, dir));
        assertThatThrownBy(() -> wrongKey.open(sealed, "tenant-1:access_token")).isInstanceOf(IllegalStateException.class);
    }
}
