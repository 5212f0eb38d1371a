package io.storefront.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error path is where the container forwards failures; asked for directly it has no error to render and Spring
 * Boot's controller answers 500. A direct request is a 404 like any other unknown address.
 */
@Configuration(proxyBeanMethods = false)
class DirectErrorRequests {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> directErrorRequestFilter(
            @Value("${server.error.path:/error}") String errorPath, JsonMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getServletPath().equals(errorPath)) {
                    SecurityConfiguration.writeProblem(response, json, HttpStatus.NOT_FOUND, "not-found", "Not found",
                            "There is nothing at " + errorPath + ".");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
