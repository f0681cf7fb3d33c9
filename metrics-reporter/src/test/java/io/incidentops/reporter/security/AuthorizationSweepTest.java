package io.incidentops.reporter.security;

import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.api.AccessPolicy;
import io.incidentops.testsupport.api.AuthorizationSweep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the reporter's OpenAPI document against its documented access (README "Endpoints"). */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationSweepTest {

    static final AccessPolicy ACCESS = AccessPolicy.of();

    @Test
    void everyOperationAnswersItsRoleTable() {
        AuthorizationSweep.check(ACCESS);
    }
}
