package dev.storefront.simulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.AstPrinter;
import graphql.language.Value;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.InputValueWithState;
import dev.storefront.simulator.ShopifyAdminSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator serves a subset of Shopify's Admin API: every type, field, argument, input field, enum value
 * and union member it serves must exist in Shopify's published schema of that version with the same type,
 * default and deprecation, and nothing Shopify requires (a non-null argument without default) may be missing,
 * so a document the simulator accepts is one Shopify accepts.
 */
class SchemaConformanceTests {

    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");

    @ParameterizedTest
    @ValueSource(strings = {"2025-10", "2026-01"})
    void every_type_field_argument_and_enum_value_served_is_shopifys_own(String version) {
        assertThat(differences(AdminSchema.build(version), ShopifyAdminSchema.published(version))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10", "2026-01"})
    void the_check_catches_a_field_shopify_lacks_in_that_version(String version) {
        // bulkOperation(id:) and bulkOperations came with 2026-01; served on 2025-10 they must be reported
        GraphQLSchema other = AdminSchema.build(version.equals("2025-10") ? "2026-01" : "2025-10");
        List<String> found = differences(other, ShopifyAdminSchema.published(version));
        if (version.equals("2025-10")) {
            assertThat(found).anyMatch(difference -> difference.contains("QueryRoot.bulkOperations"));
        } else {
            assertThat(found).anyMatch(difference -> difference.contains("bulkOperationRunQuery(groupObjects)"));
        }
    }

    static List<String> differences(GraphQLSchema served, GraphQLSchema shopify) {
        List<String> problems = new ArrayList<>();
        for (GraphQLNamedType type : served.getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__") || BUILT_IN.contains(name)) {
                continue;
            }
            GraphQLNamedType theirs = (GraphQLNamedType) shopify.getType(name);
            if (theirs == null) {
                problems.add("type " + name + " does not exist");
                continue;
            }
            if (theirs.getClass() != type.getClass()) {
                problems.add("type " + name + " is a " + type.getClass().getSimpleName() + ", Shopify's a " + theirs.getClass().getSimpleName());
                continue;
            }
            if (type instanceof GraphQLFieldsContainer ours) {
                compareFields(ours, (GraphQLFieldsContainer) theirs, problems);
            }
            if (type instanceof GraphQLImplementingType ours) {
                for (GraphQLNamedOutputType implemented : ours.getInterfaces()) {
                    if (((GraphQLImplementingType) theirs).getInterfaces().stream().noneMatch(i -> i.getName().equals(implemented.getName()))) {
                        problems.add(name + " does not implement " + implemented.getName());
                    }
                }
            }
            if (type instanceof GraphQLEnumType ours) {
                for (GraphQLEnumValueDefinition value : ours.getValues()) {
                    GraphQLEnumValueDefinition their = ((GraphQLEnumType) theirs).getValue(value.getName());
                    if (their == null) {
                        problems.add("enum value " + name + "." + value.getName() + " does not exist");
                    } else if (their.isDeprecated() != value.isDeprecated()) {
                        problems.add("enum value " + name + "." + value.getName() + " deprecation differs");
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType ours) {
                GraphQLInputObjectType their = (GraphQLInputObjectType) theirs;
                for (GraphQLInputObjectField field : ours.getFieldDefinitions()) {
                    GraphQLInputObjectField theirField = their.getFieldDefinition(field.getName());
                    if (theirField == null) {
                        problems.add("input field " + name + "." + field.getName() + " does not exist");
                    } else {
                        same(name + "." + field.getName(), field.getType(), theirField.getType(),
                                field.getInputFieldDefaultValue(), theirField.getInputFieldDefaultValue(), problems);
                    }
                }
                for (GraphQLInputObjectField theirField : their.getFieldDefinitions()) {
                    if (GraphQLTypeUtil.isNonNull(theirField.getType()) && !theirField.hasSetDefaultValue()
                            && ours.getFieldDefinition(theirField.getName()) == null) {
                        problems.add("input field " + name + "." + theirField.getName() + " is required by Shopify but not served");
                    }
                }
            }
            if (type instanceof GraphQLUnionType ours) {
                for (GraphQLNamedOutputType member : ours.getTypes()) {
                    if (((GraphQLUnionType) theirs).getTypes().stream().noneMatch(t -> t.getName().equals(member.getName()))) {
                        problems.add("union " + name + " has no member " + member.getName());
                    }
                }
            }
        }
        return problems;
    }

    private static void compareFields(GraphQLFieldsContainer ours, GraphQLFieldsContainer theirs, List<String> problems) {
        for (GraphQLFieldDefinition field : ours.getFieldDefinitions()) {
            String path = ours.getName() + "." + field.getName();
            GraphQLFieldDefinition their = theirs.getFieldDefinition(field.getName());
            if (their == null) {
                problems.add("field " + path + " does not exist");
                continue;
            }
            if (!GraphQLTypeUtil.simplePrint(field.getType()).equals(GraphQLTypeUtil.simplePrint(their.getType()))) {
                problems.add("field " + path + " is " + GraphQLTypeUtil.simplePrint(field.getType()) + ", Shopify's "
                        + GraphQLTypeUtil.simplePrint(their.getType()));
            }
            if (field.isDeprecated() != their.isDeprecated()) {
                problems.add("field " + path + " deprecation differs (Shopify: " + their.isDeprecated() + ")");
            }
            for (GraphQLArgument argument : field.getArguments()) {
                GraphQLArgument theirArgument = their.getArgument(argument.getName());
                if (theirArgument == null) {
                    problems.add("argument " + path + "(" + argument.getName() + ") does not exist");
                } else {
                    same(path + "(" + argument.getName() + ")", argument.getType(), theirArgument.getType(),
                            argument.getArgumentDefaultValue(), theirArgument.getArgumentDefaultValue(), problems);
                }
            }
            for (GraphQLArgument theirArgument : their.getArguments()) {
                if (GraphQLTypeUtil.isNonNull(theirArgument.getType()) && !theirArgument.hasSetDefaultValue()
                        && field.getArgument(theirArgument.getName()) == null) {
                    problems.add("argument " + path + "(" + theirArgument.getName() + ") is required by Shopify but not served");
                }
            }
        }
    }

    private static void same(String path, GraphQLType ours, GraphQLType theirs, InputValueWithState ourDefault,
                             InputValueWithState theirDefault, List<String> problems) {
        if (!GraphQLTypeUtil.simplePrint(ours).equals(GraphQLTypeUtil.simplePrint(theirs))) {
            problems.add(path + " is " + GraphQLTypeUtil.simplePrint(ours) + ", Shopify's " + GraphQLTypeUtil.simplePrint(theirs));
        }
        String mine = printed(ourDefault);
        String their = printed(theirDefault);
        if (!mine.equals(their)) {
            problems.add(path + " defaults to " + mine + ", Shopify's to " + their);
        }
    }

    private static String printed(InputValueWithState value) {
        if (value == null || value.isNotSet()) {
            return "(none)";
        }
        return value.getValue() instanceof Value<?> literal ? AstPrinter.printAst(literal) : String.valueOf(value.getValue());
    }
}
