package io.storefront.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's figures for one period; money as decimal strings with two decimals, ids as strings.
 *
 * @param repeatCustomerRate customers with two or more orders in the period over customers with an order in
 *     it, as a fraction with four decimals
 * @param shopifySales present with {@code basis=shopify}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeriodFigures(
        LocalDate startDate,
        LocalDate endDate,
        String totalRevenue,
        String refunds,
        String netRevenue,
        long totalOrders,
        String averageOrderValue,
        long totalCustomers,
        long newCustomers,
        long repeatCustomers,
        String repeatCustomerRate,
        List<DaySales> ordersByDate,
        List<CustomerRevenue> topCustomers,
        List<ProductRevenue> revenueByProduct,
        List<ProductTypeRevenue> revenueByProductType,
        AbandonedCheckoutTotals abandonedCheckouts,
        @Nullable ShopifySales shopifySales) {

    public record DaySales(LocalDate date, long orders, String revenue) {}

    public record CustomerRevenue(String customerId, @Nullable String email, @Nullable String firstName,
            @Nullable String lastName, String revenue, long orders) {}

    /** productId null for "Other" (the remainder past the top rows) and for custom items without a product. */
    public record ProductRevenue(@Nullable String productId, String title, String productType, long units,
            String revenue, boolean other) {}

    public record ProductTypeRevenue(String productType, long units, String revenue, boolean other) {}

    public record AbandonedCheckoutTotals(long count, String value) {}

    /**
     * Sales booked the way Shopify Analytics books them: gross sales (line items before discounts) and
     * discounts of every non-test order on its processed date, cancelled ones included; returns on the date
     * they happen: refunds on their date, and the unrefunded rest of a cancelled order on its cancel date.
     */
    public record ShopifySales(String grossSales, String discounts, String returns, String netSales) {}
}
