package dev.storefront.simulator.store;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * How busy each hour of a shop's history is: growth over the years, a weekly rhythm, seasons with a
 * Black Friday peak, and a daily cycle in the shop's time zone. Samples are drawn by stratified inverse
 * transform, so n timestamps come out already sorted in O(n + hours) without a sort.
 */
final class DemandCurve {

    private static final long HOUR = 3600;

    private final long startSecond;
    private final double[] cumulative;

    DemandCurve(Instant start, Instant end, ZoneId zone) {
        this.startSecond = start.getEpochSecond();
        int hours = (int) Math.max(1, (end.getEpochSecond() - startSecond) / HOUR);
        cumulative = new double[hours + 1];
        ZonedDateTime local = start.atZone(zone);
        for (int h = 0; h < hours; h++) {
            ZonedDateTime at = local.plusHours(h);
            double growth = 0.6 + 0.8 * h / hours;
            cumulative[h + 1] = cumulative[h] + growth * weekday(at.getDayOfWeek()) * season(at) * daily(at.getHour());
        }
    }

    /** n sorted epoch seconds following the curve. */
    long[] sample(int n, SplittableRandom random) {
        long[] seconds = new long[n];
        double total = cumulative[cumulative.length - 1];
        int hour = 0;
        for (int k = 0; k < n; k++) {
            double target = (k + random.nextDouble()) / n * total;
            while (hour < cumulative.length - 2 && cumulative[hour + 1] < target) {
                hour++;
            }
            double width = cumulative[hour + 1] - cumulative[hour];
            double within = width <= 0 ? 0 : (target - cumulative[hour]) / width;
            seconds[k] = startSecond + hour * HOUR + (long) (Math.min(0.9997, Math.max(0, within)) * HOUR);
        }
        for (int k = 1; k < n; k++) {
            seconds[k] = Math.max(seconds[k], seconds[k - 1]);
        }
        return seconds;
    }

    private static double weekday(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 1.05;
            case TUESDAY, WEDNESDAY -> 1.0;
            case THURSDAY -> 1.05;
            case FRIDAY -> 1.1;
            case SATURDAY -> 0.85;
            case SUNDAY -> 0.9;
        };
    }

    private static double season(ZonedDateTime at) {
        int day = at.getDayOfMonth();
        return switch (at.getMonth()) {
            case NOVEMBER -> day >= 24 ? 3.0 : 1.3;
            case DECEMBER -> day <= 20 ? 1.8 : 0.9;
            case JANUARY -> 0.7;
            case FEBRUARY -> 0.8;
            case JUNE, JULY, AUGUST -> 0.9;
            default -> 1.0;
        };
    }

    private static double daily(int hour) {
        if (hour < 6) {
            return 0.15;
        }
        if (hour < 9) {
            return 0.6;
        }
        if (hour < 18) {
            return 1.0;
        }
        return hour < 22 ? 1.4 : 0.7;
    }
}
