package dev.storefront.simulator.bulk;

import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import dev.storefront.simulator.admin.BulkOperations.BulkQueryRejected;
import dev.storefront.simulator.admin.FieldResolver;
import dev.storefront.simulator.store.PageRequest;
import dev.storefront.simulator.store.Records;
import dev.storefront.simulator.store.SearchQuery;
import dev.storefront.simulator.store.SortKey;
import dev.storefront.simulator.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Interprets a bulk query and writes its JSONL result: one line per node, nodes of a nested connection
 * on lines of their own with {@code __parentId}. With {@code groupObjects} each parent's children follow it
 * directly; without, they come after their parent but, as on Shopify, not always right after it (parents go out
 * in small groups, their children after the group).
 */
final class BulkExport {

    /** Counts of what an export wrote. */
    record Result(long objectCount, long rootObjectCount, long fileSize, boolean cancelled) {
    }

    private record Children(List<?> nodes, Plan selection, String parentId) {
    }

    private final Store store;
    private final Field root;
    private final SelectionSet nodeSelection;
    private final boolean groupObjects;

    private BulkExport(Store store, Field root, SelectionSet nodeSelection, boolean groupObjects) {
        this.store = store;
        this.root = root;
        this.nodeSelection = nodeSelection;
        this.groupObjects = groupObjects;
    }

    /** Parses and checks a bulk query, throwing the user error Shopify would give. */
    static BulkExport parse(Store store, String query, boolean groupObjects) {
        Document document;
        try {
            document = Parser.parse(query == null ? "" : query);
        } catch (InvalidSyntaxException e) {
            throw new BulkQueryRejected("Invalid bulk query: " + e.getMessage());
        }
        OperationDefinition operation = null;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition) {
                operation = (OperationDefinition) definition;
            }
        }
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new BulkQueryRejected("Invalid bulk query: a bulk query must be a query operation");
        }
        List<Field> roots = fields(operation.getSelectionSet());
        if (roots.size() != 1 || !List.of("customers", "products", "orders", "abandonedCheckouts").contains(roots.get(0).getName())) {
            throw new BulkQueryRejected("Bulk queries must contain at least one connection. The simulator supports exactly one top-level "
                    + "connection among customers, products, orders and abandonedCheckouts.");
        }
        Field root = roots.get(0);
        SelectionSet nodes = nodeSelection(root);
        if (nodes == null) {
            throw new BulkQueryRejected("Invalid bulk query: the connection " + root.getName() + " must select edges { node { ... } } or nodes { ... }");
        }
        for (Field field : fields(nodes)) {
            if (FieldResolver.isNestedConnection(field.getName())) {
                SelectionSet childNodes = nodeSelection(field);
                if (childNodes != null) {
                    for (Field grandChild : fields(childNodes)) {
                        if (FieldResolver.isNestedConnection(grandChild.getName())) {
                            throw new BulkQueryRejected("Bulk queries cannot contain connections with a nesting depth greater than 2.");
                        }
                    }
                }
            }
        }
        return new BulkExport(store, root, nodes, groupObjects);
    }

    private static List<Field> fields(SelectionSet selectionSet) {
        List<Field> fields = new ArrayList<>();
        if (selectionSet != null) {
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field) {
                    fields.add((Field) selection);
                } else if (selection instanceof InlineFragment) {
                    fields.addAll(fields(((InlineFragment) selection).getSelectionSet()));
                }
            }
        }
        return fields;
    }

    /** The node selection of a connection field: {@code edges { node { … } }} or {@code nodes { … }}. */
    private static SelectionSet nodeSelection(Field connection) {
        for (Field field : fields(connection.getSelectionSet())) {
            if (field.getName().equals("nodes")) {
                return field.getSelectionSet();
            }
            if (field.getName().equals("edges")) {
                for (Field node : fields(field.getSelectionSet())) {
                    if (node.getName().equals("node")) {
                        return node.getSelectionSet();
                    }
                }
            }
        }
        return null;
    }

    /** The access scope the root connection needs, as the GraphQL connections check it. */
    String requiredScope() {
        switch (root.getName()) {
            case "customers":
                return "read_customers";
            case "products":
                return "read_products";
            default:
                return "read_orders";
        }
    }

    /** Records per block: big enough to amortise hand-offs, small enough that a few blocks in flight stay a few MB. */
    private static final int BLOCK = 2048;

    private record Block(byte[] bytes, long objects, long roots) {
    }

    /**
     * Renders blocks of records on the given threads and writes them in order, at most two blocks per thread
     * ahead, so memory stays bounded and the output is the same bytes whatever the number of threads.
     */
    Result write(JsonLines out, long oldestVisibleOrder, BooleanSupplier cancelled, ExecutorService renderers, int threads)
            throws IOException {
        String query = null;
        for (Argument argument : root.getArguments()) {
            if (argument.getName().equals("query") && argument.getValue() instanceof StringValue) {
                query = ((StringValue) argument.getValue()).getValue();
            }
        }
        Records records;
        switch (root.getName()) {
            case "customers":
                records = store.customers;
                break;
            case "products":
                records = store.products;
                break;
            case "orders":
                records = store.orders;
                break;
            default:
                records = store.checkouts;
        }
        PageRequest filter = new PageRequest(1, null, null, null, false, SortKey.ID, SearchQuery.parse(query, store.zone),
                root.getName().equals("orders") ? oldestVisibleOrder : Long.MIN_VALUE);
        plan(nodeSelection);
        int size = records.size();
        long objects = 0;
        long roots = 0;
        java.util.ArrayDeque<Future<Block>> window = new java.util.ArrayDeque<>();
        int nextBlock = 0;
        int blocks = (size + BLOCK - 1) / BLOCK;
        try {
            while (nextBlock < blocks || !window.isEmpty()) {
                while (nextBlock < blocks && window.size() < threads * 2) {
                    int from = nextBlock * BLOCK;
                    int to = Math.min(size, from + BLOCK);
                    window.add(renderers.submit(() -> render(records, filter, from, to)));
                    nextBlock++;
                }
                Block block = window.removeFirst().get();
                out.bytes(block.bytes());
                objects += block.objects();
                roots += block.roots();
                if (cancelled.getAsBoolean()) {
                    window.forEach(future -> future.cancel(true));
                    return new Result(objects, roots, out.bytesWritten(), true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("bulk export interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("bulk export failed", e.getCause());
        }
        return new Result(objects, roots, out.bytesWritten(), false);
    }

    private Block render(Records records, PageRequest filter, int from, int to) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 20);
        JsonLines out = new JsonLines(bytes);
        long objects = 0;
        long roots = 0;
        List<Children> pending = new ArrayList<>();
        int group = 0;
        int inGroup = 0;
        for (int index = from; index < to; index++) {
            if (!records.matches(index, filter)) {
                continue;
            }
            writeNode(out, record(index), nodeSelection, null, pending);
            objects++;
            roots++;
            inGroup++;
            if (groupObjects || inGroup > group % 3) {
                objects += flush(out, pending);
                group++;
                inGroup = 0;
            }
        }
        objects += flush(out, pending);
        out.close();
        return new Block(bytes.toByteArray(), objects, roots);
    }

    private Object record(int index) {
        switch (root.getName()) {
            case "customers":
                return store.customers.get(index);
            case "products":
                return store.products.get(index);
            case "orders":
                return store.orders.get(index);
            default:
                return store.checkouts.get(index);
        }
    }

    private long flush(JsonLines out, List<Children> pending) throws IOException {
        long written = 0;
        for (Children children : pending) {
            for (Object child : children.nodes()) {
                out.raw('{');
                boolean first = writeFields(out, child, children.selection(), true, null);
                if (!first) {
                    out.raw(',');
                }
                out.bytes(PARENT_ID);
                out.string(children.parentId());
                out.raw('}');
                out.raw('\n');
                written++;
            }
        }
        pending.clear();
        return written;
    }

    /**
     * A selection compiled once per export: each entry knows its pre-encoded property name, so writing a node
     * is a loop over fields without re-reading the query.
     */
    private record Plan(List<Entry> entries) {
    }

    private record Entry(String field, byte[] name, String typeCondition, Plan selection, boolean connection, Plan childNodes) {
    }

    /** Filled by {@code plan(nodeSelection)} before rendering starts; only read while threads render. */
    private final java.util.Map<SelectionSet, Plan> plans = new java.util.IdentityHashMap<>();

    private Plan plan(SelectionSet selectionSet) {
        if (selectionSet == null) {
            return null;
        }
        Plan cached = plans.get(selectionSet);
        if (cached != null) {
            return cached;
        }
        List<Entry> entries = new ArrayList<>();
        collect(selectionSet, null, entries);
        Plan plan = new Plan(List.copyOf(entries));
        plans.put(selectionSet, plan);
        return plan;
    }

    private void collect(SelectionSet selectionSet, String typeCondition, List<Entry> entries) {
        for (Selection<?> selected : selectionSet.getSelections()) {
            if (selected instanceof InlineFragment) {
                InlineFragment fragment = (InlineFragment) selected;
                collect(fragment.getSelectionSet(), fragment.getTypeCondition() == null ? typeCondition : fragment.getTypeCondition().getName(), entries);
            } else if (selected instanceof Field) {
                Field field = (Field) selected;
                boolean connection = FieldResolver.isNestedConnection(field.getName());
                byte[] name = ("\"" + field.getResultKey() + "\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                entries.add(new Entry(field.getName(), name, typeCondition, connection ? null : plan(field.getSelectionSet()), connection,
                        connection ? plan(nodeSelection(field)) : null));
            }
        }
    }

    private void writeNode(JsonLines out, Object node, SelectionSet selection, String parentId, List<Children> pending) throws IOException {
        out.raw('{');
        boolean first = writeFields(out, node, plan(selection), true, pending);
        if (parentId != null) {
            if (!first) {
                out.raw(',');
            }
            out.bytes(PARENT_ID);
            out.string(parentId);
        }
        out.raw('}');
        out.raw('\n');
    }

    private static final byte[] PARENT_ID = "\"__parentId\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private boolean writeFields(JsonLines out, Object source, Plan plan, boolean first, List<Children> pending) throws IOException {
        String typename = null;
        for (Entry entry : plan.entries()) {
            if (entry.typeCondition() != null) {
                if (typename == null) {
                    typename = FieldResolver.typename(source);
                }
                if (!entry.typeCondition().equals(typename)) {
                    continue;
                }
            }
            String name = entry.field();
            Object value = name.equals("__typename") ? FieldResolver.typename(source) : FieldResolver.resolve(source, name, store);
            if (entry.connection()) {
                if (pending != null && value instanceof List && entry.childNodes() != null) {
                    pending.add(new Children((List<?>) value, entry.childNodes(), (String) FieldResolver.resolve(source, "id", store)));
                }
                continue;
            }
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.bytes(entry.name());
            writeValue(out, value, entry.selection());
        }
        return first;
    }

    private void writeValue(JsonLines out, Object value, Plan selection) throws IOException {
        if (value == null) {
            out.raw("null");
        } else if (value instanceof String) {
            out.string((String) value);
        } else if (value instanceof Boolean) {
            out.raw(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Number) {
            out.number(((Number) value).longValue());
        } else if (value instanceof List) {
            out.raw('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                writeValue(out, element, selection);
            }
            out.raw(']');
        } else if (selection != null) {
            out.raw('{');
            writeFields(out, value, selection, true, null);
            out.raw('}');
        } else {
            out.string(value.toString());
        }
    }
}
