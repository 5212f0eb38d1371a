package io.storefront.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs inside the security chain, after authentication: a signed-in caller spends from their own bucket, anyone
 * else from their address's. Webhook intake (HMAC-verified, Shopify's own retry pacing), health probes and
 * static assets are exempt.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final JsonMapper json;

    RateLimitFilter(RateLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !limits.enabled()
                || path.startsWith("/actuator/health")
                || path.startsWith("/webjars/")
                || path.startsWith("/static/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        try {
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
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
