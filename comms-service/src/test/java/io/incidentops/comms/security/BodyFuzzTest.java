package io.incidentops.comms.security;

import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.api.BodyFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Broken, mistyped, oversized and control-character bodies to every writing operation: 4xx problems, no rows. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BodyFuzzTest {

    @Test
    void everyWritingOperationRefusesBadBodiesCleanly() {
        BodyFuzz.check(AuthorizationSweepTest.ACCESS, "comms");
    }
}
