package io.storefront.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Lets a request through to the metrics endpoints only with {@code Authorization: Bearer <STOREFRONT_METRICS_TOKEN>},
 * compared in constant time. Without a configured token nobody reads them over HTTP.
 */
final class MetricsToken implements AuthorizationManager<RequestAuthorizationContext> {

    private final byte @Nullable [] expected;

    MetricsToken(@Nullable String token) {
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
            RequestAuthorizationContext context) {
        return new AuthorizationDecision(presentedBy(context.getRequest()));
    }

    /** A scraper holding the token; not an anonymous caller, so it does not spend its address's budget either. */
    boolean presentedBy(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return expected != null && header != null
                && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
    }
}
