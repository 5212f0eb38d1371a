package dev.storefront.simulator.admin;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.schema.GraphQLSchema;
import dev.storefront.simulator.ShopifyAdminSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one Admin GraphQL request the way Shopify does: cost computed before execution, the shop's
 * bucket charged the requested cost and refunded to the actual one, {@code extensions.cost} on every answer.
 */
public final class AdminApi {

    static final int MAX_QUERY_COST = 1000;

    /** One API version's contract; validation results are cached per version, since they differ between them. */
    private record Served(GraphQLSchema schema, ParsedQueries parsedQueries, GraphQL graphQL) {
        static Served of(String version) {
            GraphQLSchema schema = AdminSchema.build(version);
            ParsedQueries parsed = new ParsedQueries();
            return new Served(schema, parsed, GraphQL.newGraphQL(schema).preparsedDocumentProvider(parsed).build());
        }
    }

    private final Map<String, Served> versions = new HashMap<>();
    private final ReceivedDocuments received = new ReceivedDocuments();

    public AdminApi() {
        for (String version : ShopifyAdminSchema.VERSIONS) {
            versions.put(version, Served.of(version));
        }
    }

    public ReceivedDocuments received() {
        return received;
    }

    /**
     * @param requestedVersion the version of the request path; see {@link ShopifyAdminSchema#servedVersion}
     * @param throttling whether the bucket may refuse the request (faults can switch it off)
     * @return the JSON body to send with HTTP 200
     */
    public Map<String, Object> execute(String requestedVersion, String query, Map<String, Object> variables, String operationName,
                                       AdminContext context, ThrottleBucket bucket, boolean throttling) {
        Map<String, Object> vars = variables == null ? Map.of() : variables;
        String version = ShopifyAdminSchema.servedVersion(requestedVersion);
        Served served = versions.get(version);
        GraphQLSchema schema = served.schema();
        ParsedQueries parsedQueries = served.parsedQueries();
        if (query != null) {
            received.add(context.profile().myshopifyDomain(), version, query);
        }
        Document document;
        try {
            document = parsedQueries.document(query == null ? "" : query);
        } catch (InvalidSyntaxException e) {
            return errorOnly(error(e.getMessage(), Map.of("code", "PARSE_ERROR")), cost(0, 0, bucket));
        }
        OperationDefinition operation = null;
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition) {
                OperationDefinition candidate = (OperationDefinition) definition;
                if (operation == null || (operationName != null && operationName.equals(candidate.getName()))) {
                    operation = candidate;
                }
            } else if (definition instanceof FragmentDefinition) {
                fragments.put(((FragmentDefinition) definition).getName(), (FragmentDefinition) definition);
            }
        }
        if (operation == null) {
            return errorOnly(error("No operation found in the document", Map.of()), cost(0, 0, bucket));
        }
        boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        QueryCost calculator = new QueryCost(schema, fragments, vars);
        int requested = mutation ? QueryCost.MUTATION_COST : calculator.requested(operation.getSelectionSet(), schema.getQueryType());
        if (requested > MAX_QUERY_COST) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "MAX_COST_EXCEEDED");
            extensions.put("cost", requested);
            extensions.put("maxCost", MAX_QUERY_COST);
            return errorOnly(error("Query cost is " + requested + ", which exceeds the single query max cost limit ("
                    + MAX_QUERY_COST + ").\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                    + "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
                    + "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n", extensions),
                    cost(requested, null, bucket));
        }
        if (throttling && !bucket.tryReserve(requested)) {
            return errorOnly(error("Throttled", Map.of("code", "THROTTLED", "documentation", "https://shopify.dev/api/usage/rate-limits")),
                    cost(requested, null, bucket));
        }
        ExecutionResult result;
        context.store().lock.readLock().lock();
        try {
            result = served.graphQL().execute(ExecutionInput.newExecutionInput()
                    .query(query)
                    .variables(vars)
                    .operationName(operationName)
                    .graphQLContext(Map.of(AdminContext.class, context, AdminSchema.API_VERSION, version,
                            ReceivedDocuments.class, received))
                    .build());
        } finally {
            context.store().lock.readLock().unlock();
        }
        Object data = result.getData();
        int actual = mutation ? QueryCost.MUTATION_COST
                : result.isDataPresent() ? calculator.actual(operation.getSelectionSet(), schema.getQueryType(), data) : 0;
        actual = Math.min(actual, requested);
        if (throttling) {
            bucket.refund(requested - actual);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (GraphQLError error : result.getErrors()) {
                errors.add(error.toSpecification());
            }
            body.put("errors", errors);
        }
        if (result.isDataPresent()) {
            body.put("data", data);
        }
        body.put("extensions", Map.of("cost", cost(requested, actual, bucket)));
        return body;
    }

    private static Map<String, Object> error(String message, Map<String, Object> extensions) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (!extensions.isEmpty()) {
            error.put("extensions", extensions);
        }
        return error;
    }

    private static Map<String, Object> errorOnly(Map<String, Object> error, Map<String, Object> cost) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
        body.put("extensions", Map.of("cost", cost));
        return body;
    }

    private static Map<String, Object> cost(int requested, Integer actual, ThrottleBucket bucket) {
        ThrottleBucket.ThrottleStatus status = bucket.status();
        Map<String, Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", status.maximumAvailable());
        throttle.put("currentlyAvailable", status.currentlyAvailable());
        throttle.put("restoreRate", status.restoreRate());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", throttle);
        return cost;
    }
}
