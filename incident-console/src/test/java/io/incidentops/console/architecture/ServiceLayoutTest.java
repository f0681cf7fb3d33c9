package io.incidentops.console.architecture;

import io.incidentops.testsupport.ServiceLayoutRules;

/**
 * The layout every module shares: no package cycles, resources in {@code api} (the REST client interfaces too, in
 * {@code services.api}), the Kafka consumer in {@code messaging}.
 */
class ServiceLayoutTest extends ServiceLayoutRules {

    ServiceLayoutTest() {
        super("io.incidentops.console");
    }
}
