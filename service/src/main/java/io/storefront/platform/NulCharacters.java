package io.storefront.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * PostgreSQL text cannot hold U+0000, so a NUL reaching SQL fails the statement. Every string a client sends is
 * refused here instead, before any handler: query and form parameters by the filter, JSON strings by the
 * deserializer (its error carries the property path, which {@link ProblemAdvice} names).
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters {

    static final String MESSAGE = "must not contain a NUL character (U+0000)";

    @Bean
    FilterRegistrationBean<ParameterFilter> nulParameterFilter(JsonMapper json) {
        FilterRegistrationBean<ParameterFilter> registration = new FilterRegistrationBean<>(new ParameterFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    SimpleModule nulStringsModule() {
        return new SimpleModule("no-nul-strings").addDeserializer(String.class, new Strings());
    }

    static boolean in(@Nullable String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** Query string and form fields: 400 problem naming the first parameter with a NUL in its name or value. */
    static final class ParameterFilter extends OncePerRequestFilter {

        private final JsonMapper json;

        ParameterFilter(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                if (in(parameter.getKey()) || Arrays.stream(parameter.getValue()).anyMatch(NulCharacters::in)) {
                    InvalidInput problem = new InvalidInput(parameter.getKey().replace('\0', '?'), MESSAGE);
                    response.setStatus(HttpStatus.BAD_REQUEST.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), problem.getBody());
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** Replaces Jackson's string deserializer for every bound request body (trees are not bound through it). */
    static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (in(value)) {
                throw new Found(p, value.replace('\0', '?'));
            }
            return value;
        }
    }

    /** Thrown for a JSON string with a NUL; Jackson adds the property path on its way out. */
    static final class Found extends InvalidFormatException {
        Found(JsonParser p, String value) {
            super(p, MESSAGE, value, String.class);
        }
    }
}
