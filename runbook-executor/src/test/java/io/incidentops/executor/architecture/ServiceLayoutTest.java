package io.incidentops.executor.architecture;

import io.incidentops.testsupport.ServiceLayoutRules;

/** The layout every service shares: no package cycles, resources in {@code api}, consumers in {@code messaging}. */
class ServiceLayoutTest extends ServiceLayoutRules {

    ServiceLayoutTest() {
        super("io.incidentops.executor");
    }
}
