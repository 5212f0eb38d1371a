package io.storefront.insights;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code storefront.insights.*}.
 *
 * @param abandonmentWindow a checkout not completed this long after it was created counts as abandoned
 * @param defaultRangeDays the range used when a request names no dates (ending today in the shop's zone)
 * @param topCustomers rows of the dashboard's top-customers card
 * @param topProducts rows of the dashboard's product and product-type cards before the "other" remainder
 * @param rollupCacheMegabytes memory for rollup rows kept between requests (customer days: about 8 MB a year of a
 *     1,000,000-order store); 0 reads every row from the database on every request
 */
@Validated
@ConfigurationProperties("storefront.insights")
public record InsightsSettings(
        @NotNull @DefaultValue("60m") Duration abandonmentWindow,
        @Min(1) @Max(1827) @DefaultValue("30") int defaultRangeDays,
        @Min(1) @Max(100) @DefaultValue("5") int topCustomers,
        @Min(1) @Max(100) @DefaultValue("10") int topProducts,
        @Min(0) @DefaultValue("64") int rollupCacheMegabytes) {}
