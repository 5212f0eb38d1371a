package io.storefront.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind {@code /swagger-ui.html}: what the API is, the bearer token its "Authorize" button
 * takes, and an example for every parameter and request body, so "Try it out" sends a request the API accepts.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String BEARER = "bearer";
    /** Called without a token. */
    static final Set<String> OPEN_PATHS = Set.of("/api/auth/register", "/api/auth/login");

    @Bean
    OpenAPI storefrontOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Storefront Insights API").version("v1").description("""
                        Exact figures from connected Shopify stores: connect a store, sync it, and read revenue, \
                        orders, customers, products and abandoned checkouts for a date range in the shop's time zone.

                        1. `POST /api/auth/register` or `POST /api/auth/login` returns a `token`; press **Authorize** \
                        and paste it.
                        2. `GET /api/tenant` lists your stores; store-scoped calls name one with the `X-Tenant-Id` \
                        header (its `id`).

                        Money is a string with exact decimals; Shopify ids are strings. Errors are \
                        `application/problem+json` naming the field at fault."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The token from POST /api/auth/login or /api/auth/register.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer examplesForEveryOperation() {
        return api -> {
            // Shopify's redirect back from an install, signed by Shopify: nothing an API client calls
            api.getPaths().remove("/api/shopify/callback");
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (OPEN_PATHS.contains(path)) {
                    operation.setSecurity(List.of());
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(ApiDocs::example);
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().forEach((type, media) -> example(api, media));
                }
            }));
        };
    }

    /** Optional parameters get one only where a value is safe to guess (a date, a default, a choice). */
    private static void example(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        boolean guessable = Boolean.TRUE.equals(parameter.getRequired()) || parameter.getName().endsWith("Date")
                || (schema != null && (schema.getDefault() != null || schema.getEnum() != null));
        if (guessable && parameter.getExample() == null && parameter.getExamples() == null) {
            Object value = value(parameter.getName(), schema);
            if (value != null) {
                parameter.setExample(value);
            }
        }
    }

    private static void example(OpenAPI api, MediaType media) {
        if (media.getExample() == null && media.getSchema() != null) {
            media.setExample(objectExample(api, media.getSchema(), 0));
        }
    }

    private static @Nullable Object objectExample(OpenAPI api, Schema<?> schema, int depth) {
        Schema<?> resolved = resolve(api, schema);
        if (resolved.getProperties() == null || depth > 3) {
            return value("value", resolved);
        }
        Map<String, Object> example = new LinkedHashMap<>();
        resolved.getProperties().forEach((name, property) -> {
            Object value = resolve(api, property).getProperties() != null
                    ? objectExample(api, property, depth + 1) : value(name, resolve(api, property));
            if (value != null) {
                example.put(name, value);
            }
        });
        return example;
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema.get$ref() != null && api.getComponents() != null && api.getComponents().getSchemas() != null) {
            Schema<?> target = api.getComponents().getSchemas().get(schema.get$ref().replace("#/components/schemas/", ""));
            if (target != null) {
                return target;
            }
        }
        return schema;
    }

    /** A value the API accepts for a field of this name and schema. */
    static @Nullable Object value(String name, @Nullable Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        if (schema.getDefault() != null) {
            return schema.getDefault();
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : "string";
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "integer" -> schema.getMinimum() != null ? schema.getMinimum().longValue() : 10;
            case "number" -> "10.00";
            case "boolean" -> false;
            case "array" -> List.of();
            default -> {
                if ("uuid".equals(format)) {
                    yield "3fa85f64-5717-4562-b3fc-2c963f66afa6";
                } else if ("date".equals(format) || lower.endsWith("date")) {
                    yield lower.startsWith("start") ? LocalDate.now().minusDays(29).toString() : LocalDate.now().toString();
                } else if ("date-time".equals(format) || lower.endsWith("since")) {
                    yield "2026-01-01T00:00:00Z";
                } else if (lower.contains("email")) {
                    yield "merchant@example.com";
                } else if (lower.contains("password")) {
                    yield "correct horse battery staple";
                } else if (lower.contains("domain") || "shop".equals(lower)) {
                    yield "acme.myshopify.com";
                } else if (lower.contains("token")) {
                    yield "shpat_0123456789abcdef";
                } else if (lower.contains("secret")) {
                    yield "app-secret";
                } else if ("mode".equals(lower)) {
                    yield "incremental";
                } else if ("resource".equals(lower)) {
                    yield "orders";
                } else if (lower.endsWith("id")) {
                    yield "1001";
                } else if ("cursor".equals(lower) || "q".equals(lower) || "sort".equals(lower) || "status".equals(lower)) {
                    yield null;
                }
                yield "Acme";
            }
        };
    }
}
