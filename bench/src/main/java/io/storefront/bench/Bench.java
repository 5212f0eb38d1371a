package io.storefront.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry point: {@code bench/run <webhooks|sync|dashboard|all> [--smoke]}. Each benchmark prints a Markdown
 * section (figure, ceiling from the same run, ratio) and keeps it in {@code bench/target/results/}.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        boolean smoke = false;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = List.of("webhooks", "sync", "dashboard");
        }
        try (Database db = Database.start()) {
            for (String name : names) {
                String report = switch (name) {
                    case "webhooks" -> webhooks(db, smoke);
                    default -> throw new IllegalArgumentException("unknown benchmark " + name
                            + " (webhooks, sync, dashboard, all)");
                };
                System.out.println(report);
                Path out = JavaProcess.repoRoot().resolve("bench/target/results/" + name + ".md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
        }
    }

    static String webhooks(Database db, boolean smoke) throws Exception {
        var settings = new WebhookIntakeBenchmark.Settings(smoke ? 8 : 64, Duration.ofSeconds(smoke ? 2 : 20));
        WebhookIntakeBenchmark.Result r = new WebhookIntakeBenchmark().run(db, settings);
        StringBuilder md = new StringBuilder("## Webhook intake\n\n");
        md.append(f("%s, %d concurrent connections, %d s phases. Ceiling: pgbench single-row inserts into a copy of "
                        + "`webhook_deliveries` (same columns and indexes, same body) at the same concurrency.%n%n",
                machine(), r.concurrency(), settings.phase().toSeconds()));
        md.append("| phase | offered /s | achieved /s | errors | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        for (var p : List.of(r.sustained(), r.half(), r.ninety(), r.step())) {
            md.append(f("| %s | %s | %.0f | %d (%.2f %%) | %.1f | %.1f |%n", p.name(),
                    Double.isNaN(p.offeredPerSecond()) ? "max" : f("%.0f", p.offeredPerSecond()),
                    p.achievedPerSecond(), p.errors(), 100 * p.errorRate(), p.p50Ms(), p.p99Ms()));
        }
        md.append(f("%n- ceiling (pgbench): **%.0f inserts/s**; intake/ceiling = **%.0f %%**%n",
                r.ceiling().tps(), 100 * r.sustained().achievedPerSecond() / r.ceiling().tps()));
        md.append(f("- acknowledged with 200: %d; in the inbox: %d; applied: %d (lost: %d)%n", r.acknowledged(),
                r.inInbox(), r.applied(), r.acknowledged() - r.inInbox()));
        md.append(f("- apply lag (received → applied): p50 %.0f ms, p99 %.0f ms; backlog drained %.1f s after the load%n",
                r.applyLagP50Ms(), r.applyLagP99Ms(), r.drain().toMillis() / 1000.0));
        return md.toString();
    }

    static String machine() {
        return f("%d cores, Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
