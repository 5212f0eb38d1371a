package io.storefront.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * haproxy with the repo's {@code deploy/haproxy.cfg}, the only changes being its listening port and one
 * {@code server} line per benchmark instance (their ports are free ports, not 8081..).
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path config;

    private Haproxy(Process process, int port, Path config) {
        this.process = process;
        this.port = port;
        this.config = config;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Haproxy start(List<Service> instances) throws IOException, InterruptedException {
        int port = JavaProcess.freePort();
        StringBuilder generated = new StringBuilder();
        boolean serversWritten = false;
        for (String line : Files.readAllLines(JavaProcess.repoRoot().resolve("deploy/haproxy.cfg"))) {
            if (line.strip().startsWith("server instance")) {
                for (int i = 0; i < instances.size() && !serversWritten; i++) {
                    generated.append("    server instance").append(i + 1).append(" 127.0.0.1:")
                            .append(instances.get(i).process.port).append('\n');
                }
                serversWritten = true;
            } else {
                generated.append(line.replaceFirst("bind 127\\.0\\.0\\.1:\\d+", "bind 127.0.0.1:" + port)).append('\n');
            }
        }
        Path config = Files.createTempFile("haproxy-bench", ".cfg");
        Files.writeString(config, generated);
        Path log = JavaProcess.repoRoot().resolve("bench/target/haproxy.log");
        Files.createDirectories(log.getParent());
        // -db: stay in the foreground, so stopping this process stops the balancer
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(process, port, config);
        try {
            haproxy.awaitAllUp(instances.size(), Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until the balancer answers the readiness probe, then for its health checks to have seen every
     * instance ({@code inter 1s rise 1}: two check intervals).
     */
    private void awaitAllUp(int instances, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + "; see bench/target/haproxy.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("haproxy in front of " + instances + " instances not ready after " + timeout);
            }
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(config);
    }
}
