package io.storefront.identity;

import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.platform.PlatformSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Registration and sign-in: bcrypt-hashed passwords, HS256 JWTs whose subject is the user id. */
@Service
public class Accounts {

    public record User(UUID id, String email) {}

    public record SignedIn(String token, Instant expiresAt, User user) {}

    static final class EmailTaken extends ApiException {
        EmailTaken() {
            super(HttpStatus.CONFLICT, "email-taken", "Email already registered",
                    "An account with this email exists; sign in instead.");
        }
    }

    static final class BadCredentials extends ApiException {
        BadCredentials() {
            super(HttpStatus.UNAUTHORIZED, "bad-credentials", "Invalid email or password",
                    "The email or password is wrong.");
        }
    }

    private final Users users;
    private final PasswordEncoder passwords;
    private final JwtEncoder jwt;
    private final PlatformSettings settings;
    private final Clock clock;
    /** Compared against when the email is unknown, so both failures take the same time. */
    private final String decoyHash;

    Accounts(Users users, PasswordEncoder passwords, JwtEncoder jwt, PlatformSettings settings, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.jwt = jwt;
        this.settings = settings;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public SignedIn register(String email, String password) {
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        PasswordPolicy.check(normalised, password);
        UUID id = UUID.randomUUID();
        try {
            users.insert(id, normalised, passwords.encode(password));
        } catch (DuplicateKeyException e) {
            throw new EmailTaken();
        }
        return signedIn(new User(id, normalised));
    }

    public SignedIn login(String email, String password) {
        Optional<Users.StoredUser> found = users.findByEmail(email.trim());
        if (!matches(password, found)) {
            throw new BadCredentials();
        }
        return signedIn(new User(found.get().id(), found.get().email()));
    }

    /** For the web session sign-in: the same check without minting a token. */
    public Optional<User> verify(String email, String password) {
        Optional<Users.StoredUser> found = users.findByEmail(email.trim());
        boolean matches = matches(password, found);
        return found.filter(u -> matches).map(u -> new User(u.id(), u.email()));
    }

    /** Against the decoy when the email is unknown; a password bcrypt cannot hash matches no account, whatever the email. */
    private boolean matches(String password, Optional<Users.StoredUser> found) {
        if (PasswordPolicy.tooLong(password)) {
            return false;
        }
        boolean matches = passwords.matches(password, found.map(Users.StoredUser::passwordHash).orElse(decoyHash));
        return found.isPresent() && matches;
    }

    public Optional<User> find(UserId id) {
        return users.findById(id.value()).map(u -> new User(u.id(), u.email()));
    }

    private SignedIn signedIn(User user) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.jwtExpiry());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("storefront-insights")
                .subject(user.id().toString())
                .claim("email", user.email())
                .issuedAt(now)
                .expiresAt(expires)
                .build();
        String token = jwt.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new SignedIn(token, expires, user);
    }
}
