package io.storefront.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs PostgreSQL's own pgbench with a custom script: the database's ceiling for a statement shape. */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    record Result(double tps, double averageLatencyMs) {}

    /** A run at a fixed rate: latencies from each transaction's scheduled start (pgbench's time plus its lag). */
    record Paced(double ratePerSecond, double p50Ms, double p99Ms) {}

    static boolean available() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(Database db, String script, int clients, int seconds) throws IOException, InterruptedException {
        String out = pgbench(db, script, clients, seconds, List.of(), Path.of("."));
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + out);
        }
        return new Result(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
    }

    /** One logged transaction, in microseconds. */
    private record Transaction(long scheduledStart, long latency) {}

    /**
     * The script at {@code perSecond} in all (pgbench {@code --rate}), each transaction logged: the database's own
     * latency at a given load, measured open loop as the service's is, transactions scheduled within
     * {@code warmUp} of the first left out as the service's are.
     */
    static Paced runAt(Database db, String script, int clients, int seconds, double perSecond, Duration warmUp)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pgbench-log");
        try {
            pgbench(db, script, clients, seconds, List.of("--rate", Long.toString(Math.round(perSecond)), "--log",
                    "--log-prefix", "tx"), dir);
            // client transaction elapsed_us script epoch_s epoch_us lag_us: the scheduled start is the end less both
            List<Transaction> transactions = new java.util.ArrayList<>();
            try (var logs = Files.list(dir)) {
                for (Path log : logs.toList()) {
                    for (String line : Files.readAllLines(log)) {
                        String[] fields = line.split(" ");
                        long latency = Long.parseLong(fields[2]) + Long.parseLong(fields[6]);
                        long end = Long.parseLong(fields[4]) * 1_000_000 + Long.parseLong(fields[5]);
                        transactions.add(new Transaction(end - latency, latency));
                    }
                }
            }
            long measuredFrom = transactions.stream().mapToLong(Transaction::scheduledStart).min().orElse(0)
                    + warmUp.toNanos() / 1000;
            Latencies latencies = new Latencies();
            transactions.stream().filter(t -> t.scheduledStart() >= measuredFrom)
                    .forEach(t -> latencies.record(t.latency()));
            return new Paced(perSecond, latencies.percentileMs(50), latencies.percentileMs(99));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static String pgbench(Database db, String script, int clients, int seconds, List<String> options, Path dir)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("pgbench", ".sql");
        try {
            Files.writeString(file, script);
            List<String> command = new java.util.ArrayList<>(List.of("pgbench", "-n", "-h", db.host, "-p",
                    Integer.toString(db.port), "-U", db.user, "-c", Integer.toString(clients), "-j", "2", "-T",
                    Integer.toString(seconds), "-f", file.toString()));
            command.addAll(options);
            command.add(db.name);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed:\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
