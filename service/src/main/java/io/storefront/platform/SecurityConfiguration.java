package io.storefront.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API is stateless: a bearer JWT (HS256, subject = user id) or nothing. Registration, login and the
 * OAuth callback (state + HMAC instead) are open; webhook intake (HMAC instead) answers before any of these
 * filters (the webhooks module's intake filter). Operational endpoints have a
 * chain of their own. The web module adds its session chain for the pages.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] OPEN_API = {"/api/auth/register", "/api/auth/login", "/api/shopify/callback"};

    /** Every store's figures in one place: only for a scraper holding {@code STOREFRONT_METRICS_TOKEN}. */
    static final String[] METRICS = {"/actuator/prometheus", "/actuator/prometheus/**", "/actuator/metrics",
            "/actuator/metrics/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, RateLimits limits, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = problemEntryPoint(json);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN_API).permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden(json)))
                .headers(SecurityHeaders::apply)
                .addFilterAfter(limits.newFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operationsChain(HttpSecurity http, RateLimits limits, JsonMapper json, PlatformSettings settings)
            throws Exception {
        MetricsToken metrics = new MetricsToken(settings.metricsToken());
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(METRICS).access(metrics).anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                    writeProblem(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", "Metrics need a token",
                            "Send Authorization: Bearer with the value of STOREFRONT_METRICS_TOKEN.");
                }))
                .headers(SecurityHeaders::apply)
                .addFilterAfter(new RateLimitFilter(limits, json, metrics::presentedBy), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(PlatformSettings settings, JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(settings.maxApiBody().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(PlatformSettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.corsOrigins().stream().filter(o -> !o.isBlank()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Tenant-Id", "X-Request-Id"));
        cors.setExposedHeaders(List.of("Retry-After", "X-Request-Id", "Location"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    private static AuthenticationEntryPoint problemEntryPoint(JsonMapper json) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            writeProblem(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Send a valid bearer token (POST /api/auth/login).");
        };
    }

    private static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, ex) -> writeProblem(response, json, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You may not do this.");
    }

    static void writeProblem(HttpServletResponse response, JsonMapper json, HttpStatus status, String type,
            String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiProblems.problem(status, type, title, detail));
    }
}
