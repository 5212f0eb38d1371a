package io.storefront.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed-loop maximum with wrk (C, a fraction of the Java client's CPU on a 2-core machine where client and
 * server share the cores): pre-signed bodies (HMAC covers the body only), a fresh webhook id per request.
 */
final class Wrk {

    record Result(double perSecond, long requests, long errors, double p50Ms, double p99Ms) {}

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code signed} maps a body to its {@code X-Shopify-Hmac-Sha256}. */
    static Result run(String url, String shop, List<byte[]> bodies, Function<byte[], String> signed, int connections,
            int seconds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wrk");
        StringBuilder table = new StringBuilder("local bodies = {}\nlocal signatures = {}\n");
        for (int i = 0; i < bodies.size(); i++) {
            Path body = dir.resolve("body-" + i + ".json");
            Files.write(body, bodies.get(i));
            table.append("do local f = io.open(\"").append(body).append("\", \"rb\") bodies[").append(i + 1)
                    .append("] = f:read(\"*a\") f:close() end\n");
            table.append("signatures[").append(i + 1).append("] = \"").append(signed.apply(bodies.get(i))).append("\"\n");
        }
        String script = table + """
                local n = 0
                local prefix = tostring(math.random(1, 1000000000))
                setup = function(thread) thread:set("id", tostring(math.random(1, 1000000000))) end
                request = function()
                  n = n + 1
                  local i = (n %% #bodies) + 1
                  return wrk.format("POST", nil, {
                    ["Content-Type"] = "application/json",
                    ["X-Shopify-Topic"] = "orders/create",
                    ["X-Shopify-Hmac-Sha256"] = signatures[i],
                    ["X-Shopify-Shop-Domain"] = "%s",
                    ["X-Shopify-API-Version"] = "2025-10",
                    ["X-Shopify-Webhook-Id"] = "wrk-" .. prefix .. "-" .. id .. "-" .. n,
                    ["X-Shopify-Triggered-At"] = "2026-11-25T00:00:00Z"
                  }, bodies[i])
                end
                """.formatted(shop);
        Path lua = dir.resolve("intake.lua");
        Files.writeString(lua, script);
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                lua.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double rate = number(out, "Requests/sec:\\s+([0-9.]+)");
        long requests = (long) number(out, "([0-9]+) requests in");
        long errors = (long) (number(out, "Non-2xx or 3xx responses: ([0-9]+)") + socketErrors(out));
        return new Result(rate, requests, errors, millis(out, "50%"), millis(out, "99%"));
    }

    private static double socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)").matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3))
                + Double.parseDouble(m.group(4)) : 0;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile(Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
