package io.storefront.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every JSON endpoint that takes a {@link StoreId} — including ones added after this test was written —
 * and proves that naming another user's store answers 404 with the same problem as a store that does not exist.
 */
class TenantIsolationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String path) {}

    private List<Endpoint> storeScopedEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            boolean scoped = Arrays.stream(e.getValue().getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == StoreId.class);
            if (!scoped) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]*}", "1");
                var methods = e.getKey().getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(m.name(), path));
                }
            }
        }
        return endpoints;
    }

    @Test
    void every_store_scoped_endpoint_answers_404_for_a_store_of_another_user() {
        Api.Session alice = api().newUser();
        Api.Session bob = api().newUser();
        dev.storefront.simulator.ShopCredentials shop = SIMULATOR.createShop(dev.storefront.simulator.ShopSpec.of(
                "iso-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com").withCounts(0, 1, 0, 0));
        UUID alicesStore = api().connectStore(alice, shop.domain(), shop.accessToken(), shop.apiSecret());
        UUID missing = UUID.randomUUID();
        List<Endpoint> endpoints = storeScopedEndpoints();
        // sync runs, catalog reads, insights, webhook registration and deliveries at least
        assertThat(endpoints).extracting(Endpoint::path)
                .anyMatch(p -> p.startsWith("/api/shopify/sync"))
                .anyMatch(p -> p.startsWith("/api/shopify/{resource}") || p.startsWith("/api/shopify/1"))
                .anyMatch(p -> p.startsWith("/api/insights/dashboard"))
                .anyMatch(p -> p.startsWith("/api/shopify/webhooks/register"));

        for (Endpoint endpoint : endpoints) {
            String body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE") ? null : "{}";
            Api.Response foreign = api().send(endpoint.method(), endpoint.path(), bob.token(), alicesStore, body);
            Api.Response unknown = api().send(endpoint.method(), endpoint.path(), bob.token(), missing, body);
            assertThat(foreign.status()).as(endpoint + " with another user's store").isEqualTo(404);
            assertThat(foreign.json().get("type").asString()).as(endpoint.toString()).isEqualTo("/problems/store-not-found");
            assertThat(foreign.body()).isEqualTo(unknown.body());
        }
    }

    @Test
    void a_missing_or_malformed_tenant_header_is_a_client_error() {
        Api.Session user = api().newUser();
        for (Endpoint endpoint : storeScopedEndpoints()) {
            String body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE") ? null : "{}";
            Api.Response none = api().send(endpoint.method(), endpoint.path(), user.token(), null, body);
            assertThat(none.status()).as(endpoint.toString()).isEqualTo(400);
        }
    }
}
