package io.storefront.webhooks;

import io.storefront.platform.ApiProblems;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's door, {@code POST /api/webhook/{tenantId}}, answered here, ahead of every other filter and outside
 * Spring MVC. The HMAC is its authentication (no user, no session, no CSRF, no rate limit: Shopify retries what
 * we refuse), the body limit is Shopify's 5 MiB, and errors are the same problem+json as the rest of the API.
 * Why not a controller: under load the framework's path (security filter chain, observation, argument
 * resolvers, content negotiation) cost about 85 % of intake's CPU, measured with JFR in {@code bench/run webhooks}.
 */
final class WebhookIntakeFilter implements Filter {

    static final String PATH = "/api/webhook/";
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookIntakeFilter.class);

    private final WebhookInbox inbox;
    private final JsonMapper json;

    WebhookIntakeFilter(WebhookInbox inbox, JsonMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ProblemDetail problem;
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, "POST");
                problem = ApiProblems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method not allowed", "Webhook deliveries are POSTed.");
            } else {
                byte[] body = body(request);
                if (body == null) {
                    problem = ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                            "Request body too large", "The request body exceeds the size this endpoint accepts.");
                } else {
                    inbox.accept(request.getRequestURI().substring(PATH.length()), headers(request), body);
                    response.setStatus(HttpStatus.OK.value());
                    return;
                }
            }
        } catch (ErrorResponseException e) {
            problem = e.getBody();
        } catch (RuntimeException e) {
            log.error("Webhook intake failed", e);
            problem = ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                    "Something went wrong on our side; it has been logged.");
        }
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static WebhookInbox.Headers headers(HttpServletRequest request) {
        return new WebhookInbox.Headers(shopify(request, "Hmac-Sha256"), shopify(request, "Shop-Domain"),
                shopify(request, "Webhook-Id"), shopify(request, "Topic"), shopify(request, "API-Version"),
                shopify(request, "Triggered-At"), shopify(request, "Event-Id"));
    }

    /**
     * Shopify's header in either of its spellings: {@code X-Shopify-Topic}, or {@code Shopify-Topic} as newer
     * deliveries (and Shopify's own libraries) name them. The classic one wins when a delivery carries both.
     */
    private static @Nullable String shopify(HttpServletRequest request, String name) {
        String classic = request.getHeader("X-Shopify-" + name);
        return classic != null ? classic : request.getHeader("Shopify-" + name);
    }

    /** The raw bytes (what the HMAC covers), or null when there are more than {@link #MAX_BODY_BYTES}. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }
}
