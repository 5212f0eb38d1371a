package dev.storefront.simulator.admin;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import dev.storefront.simulator.admin.BulkOperations.BulkQueryRejected;
import dev.storefront.simulator.store.InvalidCursor;
import dev.storefront.simulator.store.Page;
import dev.storefront.simulator.store.PageRequest;
import dev.storefront.simulator.store.Records;
import dev.storefront.simulator.store.SearchQuery;
import dev.storefront.simulator.store.SortKey;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.webhooks.Topics;
import dev.storefront.simulator.webhooks.WebhookSubscription;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the executable schema of an API version: the SDL beside this class wired to the store. */
final class AdminSchema {

    static final int MAX_PAGE_SIZE = 250;
    /** The GraphQL context key of the version a request is served. */
    static final String API_VERSION = "apiVersion";
    private static final Pattern GID = Pattern.compile("gid://shopify/(\\w+)/(\\d+)");
    private static final String[] STRING_SCALARS = {"DateTime", "Decimal", "Money", "UnsignedInt64", "URL", "HTML"};

    private AdminSchema() {
    }

    /** @param version a version {@link dev.storefront.simulator.ShopifyAdminSchema#VERSIONS} holds */
    static GraphQLSchema build(String version) {
        boolean from2026 = version.equals("2026-01");
        TypeDefinitionRegistry types = new SchemaParser().parse(
                sdl("shopify-admin.graphqls").replace("GROUP_OBJECTS_DEFAULT", from2026 ? "false" : "true"));
        if (from2026) {
            types.merge(new SchemaParser().parse(sdl("shopify-admin-2026-01.graphqls")));
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new WiringFactory() {
            @Override
            public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
                return AdminSchema::resolveField;
            }
        });
        for (String name : STRING_SCALARS) {
            wiring.scalar(GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value) {
                    return value.toString();
                }

                @Override
                public Object parseValue(Object input) {
                    return input.toString();
                }

                @Override
                public Object parseLiteral(Object input) {
                    return input instanceof graphql.language.StringValue ? ((graphql.language.StringValue) input).getValue() : input.toString();
                }
            }).build());
        }
        TypeResolver byTypename = environment -> environment.getSchema().getObjectType(FieldResolver.typename(environment.getObject()));
        wiring.type("Node", type -> type.typeResolver(byTypename));
        wiring.type("WebhookSubscriptionEndpoint", type -> type.typeResolver(byTypename));
        wiring.type("QueryRoot", type -> type
                .dataFetcher("shop", env -> context(env).profile())
                .dataFetcher("node", env -> node(env, env.getArgument("id")))
                .dataFetcher("nodes", env -> {
                    List<Object> found = new ArrayList<>();
                    for (Object id : (List<?>) env.getArgument("ids")) {
                        found.add(node(env, id.toString()));
                    }
                    return found;
                })
                .dataFetcher("customer", env -> typed(node(env, env.getArgument("id")), "Customer"))
                .dataFetcher("product", env -> typed(node(env, env.getArgument("id")), "Product"))
                .dataFetcher("productVariant", env -> typed(node(env, env.getArgument("id")), "ProductVariant"))
                .dataFetcher("order", env -> typed(node(env, env.getArgument("id")), "Order"))
                .dataFetcher("customers", connection("customers", "read_customers", store -> store.customers, (s, i) -> s.customers.get(i)))
                .dataFetcher("products", connection("products", "read_products", store -> store.products, (s, i) -> s.products.get(i)))
                .dataFetcher("orders", connection("orders", "read_orders", store -> store.orders, (s, i) -> s.orders.get(i)))
                .dataFetcher("abandonedCheckouts", connection("abandonedCheckouts", "read_orders", store -> store.checkouts, (s, i) -> s.checkouts.get(i)))
                .dataFetcher("currentBulkOperation", env -> context(env).bulkOperations().current())
                .dataFetcher("bulkOperation", env -> typed(node(env, env.getArgument("id")), "BulkOperation"))
                .dataFetcher("bulkOperations", AdminSchema::bulkOperations)
                .dataFetcher("webhookSubscription", env -> typed(node(env, env.getArgument("id")), "WebhookSubscription"))
                .dataFetcher("webhookSubscriptions", AdminSchema::webhookSubscriptions));
        wiring.type("Mutation", type -> type
                .dataFetcher("bulkOperationRunQuery", AdminSchema::runBulkQuery)
                .dataFetcher("bulkOperationCancel", env -> {
                    Matcher gid = GID.matcher(env.getArgument("id").toString());
                    BulkOperation operation = gid.matches() ? context(env).bulkOperations().cancel(Long.parseLong(gid.group(2))) : null;
                    return payload("bulkOperation", operation, operation == null ? List.of(userError("id", "Bulk operation does not exist")) : List.of());
                })
                .dataFetcher("webhookSubscriptionCreate", AdminSchema::createSubscription)
                .dataFetcher("webhookSubscriptionDelete", env -> {
                    String id = env.getArgument("id");
                    Matcher gid = GID.matcher(id);
                    boolean deleted = gid.matches() && context(env).webhookSubscriptions().delete(Long.parseLong(gid.group(2)));
                    return payload("deletedWebhookSubscriptionId", deleted ? id : null,
                            deleted ? List.of() : List.of(userError("id", "Webhook subscription does not exist")));
                }));
        return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    }

    private static String sdl(String resource) {
        try (InputStream in = AdminSchema.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("schema resource missing", e);
        }
    }

    static AdminContext context(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(AdminContext.class);
    }

    /** Protected customer data: the fields a public app reads only once Shopify approved it, by type. */
    static final Map<String, Set<String>> PROTECTED_FIELDS = Map.of(
            "Customer", Set.of("email", "phone", "firstName", "lastName", "defaultEmailAddress", "defaultPhoneNumber"),
            "Order", Set.of("email"));

    private static Object resolveField(DataFetchingEnvironment env) {
        Object source = env.getSource();
        String name = env.getField().getName();
        if (!context(env).customerDataApproved() && isProtected(env.getParentType(), name)) {
            return null;
        }
        if (source instanceof Map) {
            return ((Map<?, ?>) source).get(name);
        }
        Object value = FieldResolver.resolve(source, name, context(env).store());
        if (FieldResolver.isNestedConnection(name) && value instanceof List) {
            Integer first = env.getArgument("first");
            Integer last = env.getArgument("last");
            String problem = pageSizeProblem(first, last);
            if (problem != null) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(problem).build()).build();
            }
            List<?> list = (List<?>) value;
            if (Boolean.TRUE.equals(env.getArgument("reverse"))) {
                list = new ArrayList<>(list);
                java.util.Collections.reverse(list);
            }
            try {
                return Connection.ofList(list, first, last, env.getArgument("after"), env.getArgument("before"));
            } catch (InvalidCursor e) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(e.getMessage()).build()).build();
            }
        }
        if (name.equals("refunds") && value instanceof List && env.getArgument("first") != null) {
            List<?> refunds = (List<?>) value;
            return refunds.subList(0, Math.min(refunds.size(), (Integer) env.getArgument("first")));
        }
        return value;
    }

    private static String pageSizeProblem(Integer first, Integer last) {
        if (first == null && last == null) {
            return "you must provide one of first or last";
        }
        if (first != null && last != null) {
            return "providing both first and last is not supported";
        }
        int size = first != null ? first : last;
        if (size > MAX_PAGE_SIZE || size < 0) {
            return (first != null ? "first" : "last") + " argument must be between 0 and " + MAX_PAGE_SIZE;
        }
        return null;
    }

    private static DataFetcher<Object> connection(String field, String scope, Function<Store, Records> records,
                                                  BiFunction<Store, Integer, Object> record) {
        return env -> {
            AdminContext context = context(env);
            if (!context.hasScope(scope)) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                        .message("Access denied for " + field + " field. Required access: `" + scope + "` access scope.")
                        .extensions(Map.of("code", "ACCESS_DENIED", "documentation", "https://shopify.dev/api/usage/access-scopes"))
                        .build()).build();
            }
            Integer first = env.getArgument("first");
            Integer last = env.getArgument("last");
            String problem = pageSizeProblem(first, last);
            if (problem != null) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(problem).build()).build();
            }
            Store store = context.store();
            Object sortKey = env.getArgument("sortKey");
            PageRequest request = new PageRequest(first, last, env.getArgument("after"), env.getArgument("before"),
                    Boolean.TRUE.equals(env.getArgument("reverse")), SortKey.valueOf(sortKey.toString()),
                    SearchQuery.parse(env.getArgument("query"), store.zone),
                    field.equals("orders") ? context.oldestVisibleOrder() : Long.MIN_VALUE);
            Page page;
            try {
                page = records.apply(store).page(request);
            } catch (InvalidCursor e) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(e.getMessage()).build()).build();
            }
            List<Object> nodes = new ArrayList<>(page.indices().length);
            for (int index : page.indices()) {
                nodes.add(record.apply(store, index));
            }
            return new Connection(nodes, Arrays.asList(page.cursors()), page.hasNextPage(), page.hasPreviousPage());
        };
    }

    private static Object typed(Object node, String typename) {
        return node != null && FieldResolver.typename(node).equals(typename) ? node : null;
    }

    /** Looks a global id up; records the caller may not see are simply absent, as on Shopify. */
    static Object node(DataFetchingEnvironment env, String gid) {
        Matcher matcher = GID.matcher(gid == null ? "" : gid);
        if (!matcher.matches()) {
            return null;
        }
        AdminContext context = context(env);
        Store store = context.store();
        long id = Long.parseLong(matcher.group(2));
        switch (matcher.group(1)) {
            case "Order": {
                int index = store.orders.indexOf(id);
                return index < 0 || !context.hasScope("read_orders") || store.orders.createdAt(index) < context.oldestVisibleOrder()
                        ? null : store.orders.get(index);
            }
            case "LineItem": {
                int index = store.orders.orderIndexOfLineItem(id);
                if (index < 0 || !context.hasScope("read_orders")) {
                    return null;
                }
                return store.orders.get(index).lineItems().stream().filter(item -> item.id() == id).findFirst().orElse(null);
            }
            case "Customer": {
                int index = store.customers.indexOf(id);
                return index < 0 || !context.hasScope("read_customers") ? null : store.customers.get(index);
            }
            case "Product": {
                int index = store.products.indexOf(id);
                return index < 0 || !context.hasScope("read_products") ? null : store.products.get(index);
            }
            case "ProductVariant": {
                int index = store.products.productIndexOfVariant(id);
                return index < 0 ? null
                        : store.products.get(index).variants().stream().filter(v -> v.id() == id).findFirst().orElse(null);
            }
            case "AbandonedCheckout": {
                int index = store.checkouts.indexOf(id);
                return index < 0 ? null : store.checkouts.get(index);
            }
            case "BulkOperation":
                return context.bulkOperations().find(id);
            case "WebhookSubscription":
                return context.webhookSubscriptions().find(id);
            default:
                return null;
        }
    }

    private static Object webhookSubscriptions(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String problem = pageSizeProblem(first, last);
        if (problem != null) {
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(problem).build()).build();
        }
        List<?> topics = env.getArgument("topics");
        List<WebhookSubscription> all = new ArrayList<>();
        for (WebhookSubscription subscription : context(env).webhookSubscriptions().all()) {
            if (topics == null || topics.contains(Topics.graphql(subscription.topic()))) {
                all.add(subscription);
            }
        }
        return Connection.ofList(all, first, last);
    }

    /** Newest first by default; the query filter understands {@code status:} and {@code operation_type:} terms. */
    private static Object bulkOperations(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String problem = pageSizeProblem(first, last);
        if (problem != null) {
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(problem).build()).build();
        }
        String status = null;
        String type = null;
        String query = env.getArgument("query");
        for (String term : query == null ? new String[0] : query.split("\\s+")) {
            String[] parts = term.split(":", 2);
            if (parts.length == 2 && parts[0].equals("status")) {
                status = parts[1].toUpperCase(Locale.ROOT);
            } else if (parts.length == 2 && parts[0].equals("operation_type")) {
                type = parts[1].toUpperCase(Locale.ROOT);
            }
        }
        List<BulkOperation> matching = new ArrayList<>();
        for (BulkOperation operation : context(env).bulkOperations().all()) {
            if ((status == null || status.equals(operation.status())) && (type == null || type.equals("QUERY"))) {
                matching.add(operation);
            }
        }
        Comparator<BulkOperation> newestFirst = Comparator.comparingLong(BulkOperation::id).reversed();
        matching.sort(Boolean.TRUE.equals(env.getArgument("reverse")) ? newestFirst.reversed() : newestFirst);
        return Connection.ofList(matching, first, last, env.getArgument("after"), env.getArgument("before"));
    }

    private static Object runBulkQuery(DataFetchingEnvironment env) {
        ReceivedDocuments received = env.getGraphQlContext().get(ReceivedDocuments.class);
        String query = env.getArgument("query");
        received.add(context(env).profile().myshopifyDomain(), env.getGraphQlContext().<String>get(API_VERSION), query);
        AdminContext context = context(env);
        // a bulk query reading protected customer data without approval fails ACCESS_DENIED, like a missing scope
        boolean denied = !context.customerDataApproved() && readsProtectedData(env.getGraphQLSchema(), query);
        try {
            BulkOperation operation = context.bulkOperations().run(query, env.getArgument("groupObjects"), context.oldestVisibleOrder(),
                    scope -> !denied && context.hasScope(scope));
            return payload("bulkOperation", operation, List.of());
        } catch (BulkQueryRejected e) {
            Map<String, Object> error = userError("query", e.getMessage());
            error.put("code", e.code());
            return payload("bulkOperation", null, List.of(error));
        }
    }

    private static Object createSubscription(DataFetchingEnvironment env) {
        AdminContext context = context(env);
        String topic = Topics.header(env.getArgument("topic").toString());
        Map<String, Object> input = env.getArgument("webhookSubscription");
        Object uri = input.get("uri") != null ? input.get("uri") : input.get("callbackUrl");
        if (uri == null || uri.toString().isBlank()) {
            return payload("webhookSubscription", null, List.of(userError("webhookSubscription.callbackUrl", "Address can't be blank")));
        }
        String address = uri.toString();
        if (!address.startsWith("https://") && !address.startsWith("http://")) {
            return payload("webhookSubscription", null, List.of(userError("webhookSubscription.callbackUrl", "Address is invalid")));
        }
        if (address.startsWith("http://") && !(context.httpLoopbackWebhooks() && onLoopback(address))) {
            return payload("webhookSubscription", null, List.of(userError("webhookSubscription.callbackUrl",
                    "Address protocol http:// is not supported")));
        }
        Object format = input.get("format") == null ? "JSON" : input.get("format").toString();
        WebhookSubscription created = context.webhookSubscriptions().createUnlessTaken(topic, address, format.toString(),
                context.nowSecond(), context.appSecret());
        if (created == null) {
            return payload("webhookSubscription", null, List.of(userError("webhookSubscription.callbackUrl", "Address for this topic has already been taken")));
        }
        return payload("webhookSubscription", created, List.of());
    }

    private static boolean isProtected(GraphQLType type, String field) {
        return type instanceof GraphQLNamedType named
                && PROTECTED_FIELDS.getOrDefault(named.getName(), Set.of()).contains(field);
    }

    /** Whether a query selects a protected field anywhere; a query that does not parse is left to the bulk checks. */
    private static boolean readsProtectedData(GraphQLSchema schema, String query) {
        Document document;
        try {
            document = Parser.parse(query == null ? "" : query);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (readsProtectedData(schema.getQueryType(), operation.getSelectionSet())) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsProtectedData(GraphQLType type, SelectionSet selections) {
        if (selections == null || !(type instanceof GraphQLFieldsContainer container)) {
            return false;
        }
        for (Field field : selections.getSelectionsOfType(Field.class)) {
            GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
            if (definition == null) {
                continue;
            }
            if (isProtected(container, field.getName())
                    || readsProtectedData(GraphQLTypeUtil.unwrapAll(definition.getType()), field.getSelectionSet())) {
                return true;
            }
        }
        return false;
    }

    private static boolean onLoopback(String address) {
        String host;
        try {
            host = URI.create(address).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    private static Map<String, Object> payload(String key, Object value, List<?> userErrors) {
        Map<String, Object> payload = new HashMap<>();
        payload.put(key, value);
        payload.put("userErrors", userErrors);
        return payload;
    }

    private static Map<String, Object> userError(String field, String message) {
        Map<String, Object> error = new HashMap<>();
        error.put("field", List.of(field.split("\\.")));
        error.put("message", message);
        return error;
    }
}
