package io.storefront.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs PostgreSQL's own pgbench with a custom script: the database's ceiling for a statement shape. */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    record Result(double tps, double averageLatencyMs) {}

    static boolean available() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(Database db, String script, int clients, int seconds) throws IOException, InterruptedException {
        Path file = Files.createTempFile("pgbench", ".sql");
        Files.writeString(file, script);
        Process p = new ProcessBuilder(List.of("pgbench", "-n", "-h", db.host, "-p", Integer.toString(db.port),
                "-U", db.user, "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                "-f", file.toString(), db.name))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + out);
        }
        return new Result(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
    }
}
