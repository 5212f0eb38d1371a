package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import dev.storefront.simulator.store.Currencies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** A shop may have any currency Shopify supports, and its amounts carry that currency's decimals exactly. */
class CurrencyTests {

    static ShopifySimulator simulator;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void the_currencies_a_shop_may_have_are_shopifys_currency_codes() {
        GraphQLEnumType codes = (GraphQLEnumType) ShopifyAdminSchema.published("2025-10").getType("CurrencyCode");
        assertThat(Currencies.SHOPIFY).isEqualTo(codes.getValues().stream().filter(value -> !value.isDeprecated())
                .map(GraphQLEnumValueDefinition::getName).collect(Collectors.toSet()));
        assertThatThrownBy(() -> ShopSpec.of("zzz.myshopify.com").withCurrency("ZZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.post("/_sim/shops", Map.of("domain", "zzz.myshopify.com", "currency", "ZZZ")).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({"INR, 2", "JPY, 0", "KRW, 0", "KWD, 3", "BHD, 3"})
    void amounts_carry_the_decimals_of_the_shops_currency_and_add_up_to_the_summary(String currency, int decimals) {
        ShopCredentials shop = simulator.createShop(ShopSpec.of(currency.toLowerCase() + "-shop.myshopify.com")
                .withCurrency(currency).withCounts(20, 5, 120, 5).withSeed(11));
        List<BigDecimal> totals = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = client.graphql(shop.domain(), shop.accessToken(), "query($after: String) { orders(first: 100, after: $after) {"
                    + " pageInfo { hasNextPage endCursor } nodes { currencyCode totalPriceSet { shopMoney { amount currencyCode } } } } }",
                    after == null ? Map.of() : Map.of("after", after)).body().get("data").get("orders");
            for (JsonNode order : page.get("nodes")) {
                assertThat(order.get("currencyCode").asString()).isEqualTo(currency);
                totals.add(new BigDecimal(order.get("totalPriceSet").get("shopMoney").get("amount").asString()));
            }
            after = page.get("pageInfo").get("hasNextPage").asBoolean() ? page.get("pageInfo").get("endCursor").asString() : null;
        } while (after != null);

        assertThat(totals).allMatch(amount -> amount.stripTrailingZeros().scale() <= decimals);
        if (decimals == 3) {
            assertThat(totals).anyMatch(amount -> amount.stripTrailingZeros().scale() == 3);
        }
        BigDecimal summed = totals.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(simulator.summary(shop.domain(), false).ordersTotalPrice())).isEqualByComparingTo(summed);
    }
}
