package org.bansou;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    ApplicationModules capabilities = ApplicationModules.of(BansouApplication.class);

    @Test
    void capabilities_use_each_other_only_through_public_types() {
        capabilities.verify();
    }

    @Test
    void writes_the_capability_map() {
        new Documenter(capabilities).writeDocumentation();
    }
}
