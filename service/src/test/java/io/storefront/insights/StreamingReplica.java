package io.storefront.insights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and its streaming replica, made with the machine's own binaries (Debian's
 * {@code /usr/lib/postgresql/<version>/bin}): {@code initdb}, then {@code pg_basebackup -R} of it into a second
 * directory, both started with {@code pg_ctl} on free ports. The primary is the test's own because a packaged
 * server's {@code pg_hba.conf} usually admits no replication connection. PostgreSQL refuses to run as root, so
 * as root every command runs as the {@code postgres} OS user.
 */
final class StreamingReplica implements AutoCloseable {

    final int primaryPort = freePort();
    final int replicaPort = freePort();
    private final Path bin;
    private final boolean asPostgresUser;
    private final Path dir;

    private StreamingReplica(Path bin, boolean asPostgresUser, Path dir) {
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
        this.dir = dir;
    }

    /** Why a replica cannot be made here, if it cannot; checked before anything is started. */
    static Optional<String> unavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)");
        }
        if (isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            return Optional.of("running as root without runuser: PostgreSQL will not start as root");
        }
        return Optional.empty();
    }

    static StreamingReplica start() throws IOException, InterruptedException {
        boolean root = isRoot();
        Path dir = Files.createTempDirectory("read-replica");
        StreamingReplica pair = new StreamingReplica(binaries().orElseThrow(), root, dir);
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pair.pg("initdb", "-D", dir.resolve("primary").toString(), "-U", "postgres", "-A", "trust", "--no-sync");
        pair.pgCtlStart("primary", pair.primaryPort, "-c fsync=off");
        pair.pg("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(pair.primaryPort), "-U", "postgres",
                "-D", dir.resolve("replica").toString(), "-R", "-X", "stream", "--no-sync");
        pair.pgCtlStart("replica", pair.replicaPort, "");
        return pair;
    }

    String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
    }

    String replicaUrl() {
        return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres";
    }

    private void pgCtlStart(String name, int port, String options) throws IOException, InterruptedException {
        pg("pg_ctl", "-D", dir.resolve(name).toString(), "-l", dir.resolve(name + ".log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 " + options, "start");
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws Exception {
        for (String name : List.of("replica", "primary")) {
            if (Files.exists(dir.resolve(name).resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", dir.resolve(name).toString(), "-m", "immediate", "-w", "stop");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_basebackup")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
