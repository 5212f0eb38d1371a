package dev.storefront.simulator;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's own Admin API schemas, from the introspection files Shopify publishes (see the README beside the
 * files), for checking the simulator and a client's documents against the real contract rather than our copy.
 */
public final class ShopifyAdminSchema {

    /** The versions whose published schema is vendored; the simulator serves exactly these two contracts. */
    public static final List<String> VERSIONS = List.of("2025-10", "2026-01");

    private static final Map<String, GraphQLSchema> LOADED = new ConcurrentHashMap<>();

    private ShopifyAdminSchema() {
    }

    /** Shopify's published Admin API schema of a vendored version. */
    public static GraphQLSchema published(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("no published schema vendored for " + version + "; have " + VERSIONS);
        }
        return LOADED.computeIfAbsent(version, ShopifyAdminSchema::load);
    }

    /**
     * The contract a request path's version gets: versions up to 2025-10 the 2025-10 schema (Shopify answers a
     * retired version with the oldest supported one), later ones and {@code unstable} the 2026-01 schema.
     */
    public static String servedVersion(String requested) {
        return requested.compareTo("2026-01") >= 0 ? "2026-01" : "2025-10";
    }

    @SuppressWarnings("unchecked")
    private static GraphQLSchema load(String version) {
        String resource = "shopify/admin_" + version + ".json.gz";
        try (InputStream in = ShopifyAdminSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the simulator jar");
            }
            Map<String, Object> introspection = JsonMapper.shared().readValue(new GZIPInputStream(in), Map.class);
            Document sdl = new IntrospectionResultToSchema().createSchemaDefinition((Map<String, Object>) introspection.get("data"));
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(sdl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
