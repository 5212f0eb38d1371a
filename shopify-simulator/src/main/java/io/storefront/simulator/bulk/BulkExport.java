package io.storefront.simulator.bulk;

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
import io.storefront.simulator.admin.BulkOperations.BulkQueryRejected;
import io.storefront.simulator.admin.FieldResolver;
import io.storefront.simulator.store.PageRequest;
import io.storefront.simulator.store.Records;
import io.storefront.simulator.store.SearchQuery;
import io.storefront.simulator.store.SortKey;
import io.storefront.simulator.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Interprets a bulk query and writes its JSONL result: one line per node, nodes of a nested connection
 * on lines of their own with {@code __parentId}, after their parent but, as on Shopify, not always right
 * after it (parents go out in small groups, their children after the group).
 */
final class BulkExport {

    /** Counts of what an export wrote. */
    record Result(long objectCount, long rootObjectCount, long fileSize, boolean cancelled) {
    }

    private record Children(List<?> nodes, SelectionSet selection, String parentId) {
    }

    private final Store store;
    private final Field root;
    private final SelectionSet nodeSelection;

    private BulkExport(Store store, Field root, SelectionSet nodeSelection) {
        this.store = store;
        this.root = root;
        this.nodeSelection = nodeSelection;
    }

    /** Parses and checks a bulk query, throwing the user error Shopify would give. */
    static BulkExport parse(Store store, String query) {
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
        return new BulkExport(store, root, nodes);
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

    Result write(JsonLines out, long oldestVisibleOrder, BooleanSupplier cancelled) throws IOException {
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
        long objects = 0;
        long roots = 0;
        int size = records.size();
        List<Children> pending = new ArrayList<>();
        int group = 0;
        int inGroup = 0;
        for (int index = 0; index < size; index++) {
            if (!records.matches(index, filter)) {
                continue;
            }
            if ((roots & 1023) == 0 && cancelled.getAsBoolean()) {
                return new Result(objects, roots, out.bytesWritten(), true);
            }
            Object node = record(index);
            writeNode(out, node, nodeSelection, null, pending);
            objects++;
            roots++;
            inGroup++;
            if (inGroup > group % 3) {
                objects += flush(out, pending);
                group++;
                inGroup = 0;
            }
        }
        objects += flush(out, pending);
        return new Result(objects, roots, out.bytesWritten(), false);
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
                writeNode(out, child, children.selection(), children.parentId(), null);
                written++;
            }
        }
        pending.clear();
        return written;
    }

    private void writeNode(JsonLines out, Object node, SelectionSet selection, String parentId, List<Children> pending) throws IOException {
        out.raw('{');
        boolean first = writeFields(out, node, selection, true, pending);
        if (parentId != null) {
            if (!first) {
                out.raw(',');
            }
            out.name("__parentId");
            out.string(parentId);
        }
        out.raw('}');
        out.raw('\n');
    }

    private boolean writeFields(JsonLines out, Object source, SelectionSet selection, boolean first, List<Children> pending) throws IOException {
        for (Selection<?> selected : selection.getSelections()) {
            if (selected instanceof InlineFragment) {
                InlineFragment fragment = (InlineFragment) selected;
                if (fragment.getTypeCondition() == null || fragment.getTypeCondition().getName().equals(FieldResolver.typename(source))) {
                    first = writeFields(out, source, fragment.getSelectionSet(), first, pending);
                }
                continue;
            }
            if (!(selected instanceof Field)) {
                continue;
            }
            Field field = (Field) selected;
            String name = field.getName();
            Object value = name.equals("__typename") ? FieldResolver.typename(source) : FieldResolver.resolve(source, name, store);
            if (FieldResolver.isNestedConnection(name)) {
                if (pending != null && value instanceof List) {
                    pending.add(new Children((List<?>) value, nodeSelection(field), (String) FieldResolver.resolve(source, "id", store)));
                }
                continue;
            }
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.name(field.getResultKey());
            writeValue(out, value, field.getSelectionSet());
        }
        return first;
    }

    private void writeValue(JsonLines out, Object value, SelectionSet selection) throws IOException {
        if (value == null) {
            out.raw("null");
        } else if (value instanceof String) {
            out.string((String) value);
        } else if (value instanceof Boolean || value instanceof Number) {
            out.raw(value.toString());
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
