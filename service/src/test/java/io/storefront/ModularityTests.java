package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import modulefixture.FixtureApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the module edges of docs/architecture.md honest and draws them (target/spring-modulith-docs). Every module
 * declares its {@code allowedDependencies} in its package-info; {@code platform} is the shared module.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

    @Test
    void modules_depend_only_through_their_public_apis() {
        modules.verify();
    }

    @Test
    void a_dependency_a_module_does_not_declare_fails_verification() {
        // The fixture lives in the test classes, which the default import leaves out.
        ApplicationModules fixture = ApplicationModules.of(FixtureApplication.class, location -> true);

        assertThatExceptionOfType(Violations.class)
                .isThrownBy(fixture::verify)
                .satisfies(violations -> assertThat(violations.getMessages())
                        .isNotEmpty()
                        .allSatisfy(message -> assertThat(message)
                                .startsWith("Module 'reports' depends on module 'customers'")));
    }

    @Test
    void writes_the_module_diagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
