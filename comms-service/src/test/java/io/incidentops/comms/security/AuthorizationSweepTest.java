package io.incidentops.comms.security;

import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.api.AccessPolicy;
import io.incidentops.testsupport.api.AuthorizationSweep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of comms's OpenAPI document against its documented access (README "Endpoints"). */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationSweepTest {

    static final AccessPolicy ACCESS = AccessPolicy.of()
            .publicOperations("GET /", "GET /incidents/{id}", "GET /history.atom", "GET /api/v2/summary.json",
                    "GET /api/v2/status.json", "GET /api/v2/components.json", "GET /api/v2/incidents.json",
                    "GET /api/v2/incidents/unresolved.json");

    @Test
    void everyOperationAnswersItsRoleTable() {
        AuthorizationSweep.check(ACCESS);
    }
}
