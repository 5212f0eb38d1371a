package io.storefront;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module edges of ARCHITECTURE.md honest and draws them (target/spring-modulith-docs). */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

    @Test
    void modules_depend_only_through_their_public_apis() {
        modules.verify();
    }

    @Test
    void writes_the_module_diagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
