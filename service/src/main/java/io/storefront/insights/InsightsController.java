package io.storefront.insights;

import io.storefront.tenants.StoreId;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/insights")
class InsightsController {

    private static final int MAX_LIMIT = 500;

    private final Insights insights;

    InsightsController(Insights insights) {
        this.insights = insights;
    }

    @GetMapping("/dashboard")
    DashboardFigures dashboard(StoreId storeId, @RequestParam(required = false) @Nullable String startDate,
            @RequestParam(required = false) @Nullable String endDate,
            @RequestParam(required = false) @Nullable String compare,
            @RequestParam(required = false) @Nullable String basis) {
        boolean comparePrevious = choice("compare", compare, "previous");
        boolean shopify = choice("basis", basis, "shopify", "orders");
        return insights.dashboard(storeId, insights.range(storeId, startDate, endDate), comparePrevious, shopify);
    }

    @GetMapping("/customers")
    CustomerRanking customers(StoreId storeId, @RequestParam(required = false) @Nullable String startDate,
            @RequestParam(required = false) @Nullable String endDate,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "20") int limit) {
        boolean byOrders = choice("sort", sort, "orders", "revenue");
        return insights.customers(storeId, insights.range(storeId, startDate, endDate), byOrders, limit(limit));
    }

    @GetMapping("/products")
    ProductPerformance products(StoreId storeId, @RequestParam(required = false) @Nullable String startDate,
            @RequestParam(required = false) @Nullable String endDate,
            @RequestParam(defaultValue = "100") int limit) {
        return insights.products(storeId, insights.range(storeId, startDate, endDate), limit(limit));
    }

    @GetMapping("/abandoned-carts")
    AbandonedCarts abandonedCarts(StoreId storeId, @RequestParam(required = false) @Nullable String startDate,
            @RequestParam(required = false) @Nullable String endDate,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        return insights.abandonedCarts(storeId, insights.range(storeId, startDate, endDate), cursor, limit(limit));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInsightsRequest("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /** True for {@code yes}, false when absent or {@code no}; anything else is a 400 naming the choices. */
    private static boolean choice(String parameter, @Nullable String value, String yes, String... no) {
        if (value == null || value.isBlank() || java.util.Arrays.asList(no).contains(value)) {
            return false;
        }
        if (value.equals(yes)) {
            return true;
        }
        throw new InvalidInsightsRequest(parameter, parameter + " must be " + yes
                + (no.length == 0 ? "" : " or " + String.join(" or ", no)) + ", not '" + value + "'");
    }
}
