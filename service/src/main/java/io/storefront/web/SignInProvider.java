package io.storefront.web;

import io.storefront.identity.Accounts;
import io.storefront.platform.RateLimits;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Checks the sign-in form against {@link Accounts} and makes a session whose principal name is the user id. */
final class SignInProvider implements AuthenticationProvider {

    static final class TooManyAttempts extends AuthenticationException {
        TooManyAttempts() {
            super("Too many sign-in attempts");
        }
    }

    private final Accounts accounts;
    private final RateLimits limits;

    SignInProvider(Accounts accounts, RateLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
    }

    @Override
    public Authentication authenticate(Authentication form) {
        String email = String.valueOf(form.getPrincipal());
        String password = String.valueOf(form.getCredentials());
        String address = form.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
        try {
            limits.checkCredentialAttempt(address, email);
        } catch (RateLimits.TooManyRequests e) {
            throw new TooManyAttempts();
        }
        return accounts.verify(email, password)
                .map(user -> signedIn(new SessionUser(user.id(), user.email())))
                .orElseThrow(() -> new BadCredentialsException("Invalid email or password"));
    }

    static Authentication signedIn(SessionUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
