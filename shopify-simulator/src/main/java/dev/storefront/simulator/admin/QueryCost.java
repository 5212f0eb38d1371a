package dev.storefront.simulator.admin;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shopify's calculated query cost: scalars and enums 0, objects 1, a connection 2 + its size × the cost of
 * one node. The requested cost sizes connections by {@code first}/{@code last}; the actual cost counts the
 * nodes the response really holds.
 */
final class QueryCost {

    static final int MUTATION_COST = 10;

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;

    QueryCost(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables;
    }

    int requested(SelectionSet selections, GraphQLType parent) {
        return cost(selections, parent, null, false);
    }

    int actual(SelectionSet selections, GraphQLType parent, Object data) {
        return cost(selections, parent, data, true);
    }

    private int cost(SelectionSet selectionSet, GraphQLType parent, Object data, boolean actual) {
        if (selectionSet == null) {
            return 0;
        }
        int fields = 0;
        int fragmentMax = 0;
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field) {
                fields += fieldCost((Field) selection, parent, data, actual);
            } else if (selection instanceof InlineFragment) {
                InlineFragment fragment = (InlineFragment) selection;
                GraphQLType type = fragment.getTypeCondition() == null ? parent : schema.getType(fragment.getTypeCondition().getName());
                fragmentMax = Math.max(fragmentMax, cost(fragment.getSelectionSet(), type, data, actual));
            } else if (selection instanceof FragmentSpread) {
                FragmentDefinition definition = fragments.get(((FragmentSpread) selection).getName());
                if (definition != null) {
                    GraphQLType type = schema.getType(definition.getTypeCondition().getName());
                    fragmentMax = Math.max(fragmentMax, cost(definition.getSelectionSet(), type, data, actual));
                }
            }
        }
        return fields + fragmentMax;
    }

    private int fieldCost(Field field, GraphQLType parent, Object data, boolean actual) {
        if (field.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer)) {
            return 0;
        }
        GraphQLFieldDefinition definition = ((GraphQLFieldsContainer) parent).getFieldDefinition(field.getName());
        if (definition == null) {
            return 0;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (!(type instanceof GraphQLFieldsContainer) && !GraphQLTypeUtil.isInterfaceOrUnion(type)) {
            return 0;
        }
        Object value = data instanceof Map ? ((Map<?, ?>) data).get(field.getResultKey()) : null;
        String typeName = GraphQLTypeUtil.simplePrint(type);
        if (typeName.endsWith("Connection")) {
            return connectionCost(field, (GraphQLFieldsContainer) type, value, actual);
        }
        boolean list = GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList;
        if (list) {
            if (actual) {
                int total = 0;
                if (value instanceof Collection) {
                    for (Object element : (Collection<?>) value) {
                        total += 1 + cost(field.getSelectionSet(), type, element, true);
                    }
                }
                return total;
            }
            return listSize(field) * (1 + cost(field.getSelectionSet(), type, null, false));
        }
        return 1 + cost(field.getSelectionSet(), type, value, actual);
    }

    private int connectionCost(Field field, GraphQLFieldsContainer connectionType, Object value, boolean actual) {
        GraphQLType nodeType = GraphQLTypeUtil.unwrapAll(connectionType.getFieldDefinition("nodes").getType());
        int cost = 2;
        for (Selection<?> selection : field.getSelectionSet() == null ? List.<Selection<?>>of() : field.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field)) {
                continue;
            }
            Field child = (Field) selection;
            Object childValue = value instanceof Map ? ((Map<?, ?>) value).get(child.getResultKey()) : null;
            if (child.getName().equals("nodes")) {
                cost += nodesCost(child.getSelectionSet(), nodeType, field, childValue, actual, null);
            } else if (child.getName().equals("edges") && child.getSelectionSet() != null) {
                for (Selection<?> edgeSelection : child.getSelectionSet().getSelections()) {
                    if (edgeSelection instanceof Field && ((Field) edgeSelection).getName().equals("node")) {
                        Field node = (Field) edgeSelection;
                        cost += nodesCost(node.getSelectionSet(), nodeType, field, childValue, actual, node.getResultKey());
                    }
                }
            }
        }
        return cost;
    }

    private int nodesCost(SelectionSet selections, GraphQLType nodeType, Field connection, Object values, boolean actual, String edgeNodeKey) {
        if (!actual) {
            return listSize(connection) * (1 + cost(selections, nodeType, null, false));
        }
        int total = 0;
        if (values instanceof Collection) {
            for (Object element : (Collection<?>) values) {
                Object node = edgeNodeKey != null && element instanceof Map ? ((Map<?, ?>) element).get(edgeNodeKey) : element;
                total += 1 + cost(selections, nodeType, node, true);
            }
        }
        return total;
    }

    private int listSize(Field field) {
        for (Argument argument : field.getArguments()) {
            String name = argument.getName();
            if (name.equals("first") || name.equals("last")) {
                Object size = valueOf(argument.getValue());
                return size instanceof Number ? ((Number) size).intValue() : 0;
            }
            if (name.equals("ids")) {
                Object ids = valueOf(argument.getValue());
                return ids instanceof Collection ? ((Collection<?>) ids).size() : 1;
            }
        }
        return 1;
    }

    private Object valueOf(Value<?> value) {
        if (value instanceof IntValue) {
            return ((IntValue) value).getValue().intValue();
        }
        if (value instanceof VariableReference) {
            return variables.get(((VariableReference) value).getName());
        }
        if (value instanceof ArrayValue) {
            return ((ArrayValue) value).getValues();
        }
        return null;
    }
}
