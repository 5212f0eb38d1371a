package dev.storefront.simulator.admin;

import graphql.ExecutionInput;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated queries by their text. Clients send the same few queries over and over (a sync
 * pages with one query), so parsing and validating once roughly halves the work of a request.
 */
final class ParsedQueries implements PreparsedDocumentProvider {

    private static final int CAPACITY = 512;

    private final Map<String, PreparsedDocumentEntry> cache = lru();
    private final Map<String, Document> documents = lru();

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(CAPACITY, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    /** The parsed document the cost calculation walks; throws InvalidSyntaxException like {@link Parser#parse}. */
    Document document(String query) {
        synchronized (documents) {
            Document cached = documents.get(query);
            if (cached != null) {
                return cached;
            }
        }
        Document parsed = Parser.parse(query);
        synchronized (documents) {
            documents.put(query, parsed);
        }
        return parsed;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String key = input.getQuery();
        PreparsedDocumentEntry entry;
        synchronized (cache) {
            entry = cache.get(key);
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            synchronized (cache) {
                cache.put(key, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
