package io.storefront.web.demo;

import io.storefront.identity.Accounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo account: its password is generated once and kept in the data dir, so the credentials shown on the
 * sign-in page stay the same across restarts.
 */
@Component
@Conditional(DemoMode.class)
public class DemoAccount {

    public static final String EMAIL = "demo@storefront.local";

    public record Credentials(String email, String password) {}

    private static final Logger log = LoggerFactory.getLogger(DemoAccount.class);

    private final Accounts accounts;
    private final Path passwordFile;
    private final Environment environment;
    private volatile Credentials credentials;

    DemoAccount(Accounts accounts, @Value("${storefront.data-dir}") Path dataDir, Environment environment) {
        this.accounts = accounts;
        this.passwordFile = dataDir.resolve("demo-password");
        this.environment = environment;
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** Registers the account on the first start; afterwards only reads the kept password. */
    Accounts.User ensure() {
        String password = keptPassword();
        Accounts.User user = accounts.verify(EMAIL, password)
                .orElseGet(() -> accounts.register(EMAIL, password).user());
        credentials = new Credentials(EMAIL, password);
        String line = readyLine(environment.getProperty("server.address"), environment.getProperty("local.server.port"),
                credentials);
        log.info(line);
        // JSON logs bury it in a field: the console also gets it as the one plain line a person looks for
        System.out.println(line);
        return user;
    }

    /** "Storefront Insights demo: open http://127.0.0.1:8080 and sign in as demo@storefront.local / tour-…". */
    static String readyLine(@Nullable String address, @Nullable String port, Credentials credentials) {
        String host = address == null || address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address)
                ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
        return "Storefront Insights demo: open http://" + host + ":" + (port == null ? "8080" : port)
                + " and sign in as " + credentials.email() + " with password " + credentials.password();
    }

    private String keptPassword() {
        try {
            if (Files.exists(passwordFile)) {
                return Files.readString(passwordFile).trim();
            }
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            String password = "tour-" + HexFormat.of().formatHex(random);
            Files.createDirectories(passwordFile.getParent());
            Files.writeString(passwordFile, password);
            try {
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data dir's own permissions apply
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
