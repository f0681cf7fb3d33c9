package io.incidentops.executor.security;

import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.api.AccessPolicy;
import io.incidentops.testsupport.api.AuthorizationSweep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the executor's OpenAPI document against its documented access (README "Endpoints"). */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationSweepTest {

    static final AccessPolicy ACCESS = AccessPolicy.of()
            .signedLinks("GET /approval-links/{token}", "POST /approval-links/{token}");

    @Test
    void everyOperationAnswersItsRoleTable() {
        AuthorizationSweep.check(ACCESS);
    }
}
