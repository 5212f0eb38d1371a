package io.storefront.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs inside the security chain, after authentication: a signed-in caller spends from their own bucket, anyone
 * else, and anyone signing in or registering, from their address's. Webhook intake (HMAC-verified, Shopify's own
 * retry pacing), health probes, static assets and a metrics scrape carrying the metrics token are exempt.
 */
class RateLimitFilter extends OncePerRequestFilter {

    /** Login and registration, JSON and form: always spent from the address's bucket. */
    static final java.util.Set<String> CREDENTIAL_PATHS = java.util.Set.of("/api/auth/login", "/api/auth/register",
            "/signin", "/signup");

    private final RateLimits limits;
    private final JsonMapper json;
    private final Predicate<HttpServletRequest> exempt;

    RateLimitFilter(RateLimits limits, JsonMapper json, Predicate<HttpServletRequest> exempt) {
        this.limits = limits;
        this.json = json;
        this.exempt = exempt;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !limits.enabled()
                || path.startsWith("/actuator/health")
                || path.startsWith("/webjars/")
                || path.startsWith("/static/")
                || path.equals("/favicon.ico")
                || exempt.test(request);
    }

    private static boolean signsIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && CREDENTIAL_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        try {
            if (signsIn(request)) {
                // whoever the caller already is, trying credentials is an unauthenticated act of their address
                limits.checkAnonymous(request.getRemoteAddr());
            } else if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                limits.checkUser(auth.getName());
            } else {
                limits.checkAnonymous(request.getRemoteAddr());
            }
        } catch (RateLimits.TooManyRequests e) {
            response.setStatus(e.getStatusCode().value());
            response.setHeader("Retry-After", e.getHeaders().getFirst("Retry-After"));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), e.getBody());
            return;
        }
        chain.doFilter(request, response);
    }
}
