package io.storefront;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as a child process started from the test classpath, against the tests' PostgreSQL. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess() {}

    public static Process start(List<Process> processes, int port, Path log) throws IOException {
        return start(processes, port, log, Map.of());
    }

    /** @param settings environment variables set on top of (or instead of) the defaults below */
    public static Process start(List<Process> processes, int port, Path log, Map<String, String> settings)
            throws IOException {
        TestDatabase.Connection db = TestDatabase.connection();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.storefront.StorefrontApplication")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", db.url());
        env.put("SPRING_DATASOURCE_USERNAME", db.username());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("STOREFRONT_JWT_SECRET", "test-secret-that-is-long-enough-for-hs256-0123456789abcdef");
        env.put("STOREFRONT_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        env.put("STOREFRONT_DEMO", "false");
        env.put("STOREFRONT_DATA_DIR", log.getParent().resolve("data").toString());
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("STOREFRONT_RATE_LIMITS_ANONYMOUS_REQUESTS", "1000000");
        env.put("STOREFRONT_WEBHOOKS_REGISTER_ON_CONNECT", "false");
        env.put("STOREFRONT_SHOPIFY_API_BASE_URL", "http://127.0.0.1:9/{shop}");
        env.put("STOREFRONT_LOG_FORMAT", "");
        env.putAll(settings);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    public static void awaitReady(int port, Process process) throws Exception {
        awaitReady(port, process, Duration.ofSeconds(180));
    }

    public static void awaitReady(int port, Process process, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static {
        // the child JVMs must not outlive a test JVM that is itself killed
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith(File.separator + "java")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly)));
    }
}
