package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The month and day parts a range is read from cover each of its days exactly once, and nothing else. */
@Tag("fast")
class ProductSalesPartsTests {

    @Test
    void everyDayOfTheRangeCountsOnceAndNoOtherDayCounts() {
        Random random = new Random(11);
        LocalDate origin = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 20_000; i++) {
            LocalDate start = origin.plusDays(random.nextInt(1200));
            LocalDate end = start.plusDays(random.nextInt(i % 10 == 0 ? 1830 : 70));
            LocalDate today = start.plusDays(random.nextInt(400) - 30);
            List<ProductSales.Part> parts = ProductSales.parts(start, end.plusDays(1), today);

            Map<LocalDate, Integer> counted = new HashMap<>();
            for (ProductSales.Part part : parts) {
                assertThat(part.from()).isBefore(part.until());
                if (part.monthly()) {
                    assertThat(part.from().getDayOfMonth()).isEqualTo(1);
                    assertThat(part.until().getDayOfMonth()).isEqualTo(1);
                    assertThat(part.sign()).isEqualTo(1);
                }
                for (LocalDate day = part.from(); day.isBefore(part.until()); day = day.plusDays(1)) {
                    counted.merge(day, part.sign(), Integer::sum);
                }
            }
            counted.values().removeIf(n -> n == 0);
            Map<LocalDate, Integer> expected = new HashMap<>();
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                expected.put(day, 1);
            }
            assertThat(counted).as("%s..%s today %s: %s", start, end, today, parts).isEqualTo(expected);
        }
    }

    @Test
    void aYearEndingTodayTakesThisMonthWholeAndTheFirstMonthAsDays() {
        List<ProductSales.Part> parts = ProductSales.parts(LocalDate.of(2025, 11, 26), LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 11, 25));

        assertThat(parts).containsExactlyInAnyOrder(
                new ProductSales.Part(false, LocalDate.of(2025, 11, 26), LocalDate.of(2025, 12, 1), 1),
                new ProductSales.Part(false, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 1), -1),
                new ProductSales.Part(true, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 1), 1));
    }
}
