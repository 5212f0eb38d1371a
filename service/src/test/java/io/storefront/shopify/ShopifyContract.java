package io.storefront.shopify;

import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import dev.storefront.simulator.ShopifyAdminSchema;
import dev.storefront.simulator.admin.ReceivedDocuments.Received;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the GraphQL the service really sent (as the simulator recorded it) against Shopify's published Admin
 * API schemas, independently of the simulator's own copy.
 */
public final class ShopifyContract {

    private ShopifyContract() {
    }

    /**
     * Every way a document breaks Shopify's contract: invalid against the published schema of one of
     * {@code versions}, or reading a field Shopify deprecated in the version it was sent to.
     * {@code currentBulkOperation} on 2025-10 is the one exception: Shopify deprecated it there in favour of
     * {@code bulkOperations}, which only 2026-01 has.
     */
    public static List<String> problems(List<Received> received, List<String> versions) {
        List<String> problems = new ArrayList<>();
        for (Received sent : received) {
            Document document = Parser.parse(sent.document());
            for (String version : versions) {
                for (ValidationError error : ParseAndValidate.validate(ShopifyAdminSchema.published(version), document)) {
                    problems.add("invalid on " + version + ": " + error.getMessage() + " in " + sent.document());
                }
            }
            for (String field : deprecatedFields(ShopifyAdminSchema.published(sent.version()), document)) {
                if (!(sent.version().equals("2025-10") && field.equals("QueryRoot.currentBulkOperation"))) {
                    problems.add("deprecated on " + sent.version() + ": " + field + " in " + sent.document());
                }
            }
        }
        return problems;
    }

    /** The fields a document reads that the schema marks deprecated, as {@code Type.field}. */
    private static List<String> deprecatedFields(GraphQLSchema schema, Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.put(fragment.getName(), fragment));
        List<String> deprecated = new ArrayList<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            GraphQLObjectType root = operation.getOperation() == OperationDefinition.Operation.MUTATION
                    ? schema.getMutationType() : schema.getQueryType();
            walk(schema, root, operation.getSelectionSet(), fragments, deprecated);
        }
        return deprecated;
    }

    private static void walk(GraphQLSchema schema, GraphQLType parent, SelectionSet selections,
                             Map<String, FragmentDefinition> fragments, List<String> deprecated) {
        if (selections == null || !(parent instanceof GraphQLFieldsContainer container)) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue;
                }
                if (definition.isDeprecated()) {
                    deprecated.add(container.getName() + "." + field.getName());
                }
                walk(schema, GraphQLTypeUtil.unwrapAll(definition.getType()), field.getSelectionSet(), fragments, deprecated);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLType type = inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName());
                walk(schema, type, inline.getSelectionSet(), fragments, deprecated);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                walk(schema, schema.getType(fragment.getTypeCondition().getName()), fragment.getSelectionSet(), fragments, deprecated);
            }
        }
    }
}
