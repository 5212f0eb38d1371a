package dev.storefront.simulator.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where bulk results live on disk and the URL each is served from. */
public final class BulkFiles implements AutoCloseable {

    private final Path directory;
    private final String baseUrl;

    public BulkFiles(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.directory = Files.createTempDirectory("shopify-simulator-bulk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path pathOf(long id) {
        return directory.resolve(id + ".jsonl");
    }

    String urlOf(long id) {
        return baseUrl + "/_sim/bulk/" + id + ".jsonl";
    }

    /** The result file of an operation, or null. */
    public Path file(String name) {
        if (!name.matches("\\d+\\.jsonl")) {
            return null;
        }
        Path file = directory.resolve(name);
        return Files.exists(file) ? file : null;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
