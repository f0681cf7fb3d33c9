package io.incidentops.intake.security;

import io.incidentops.testsupport.api.AccessPolicy;
import io.incidentops.testsupport.api.AuthorizationSweep;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.incidentops.testsupport.api.AccessPolicy.KeyStyle.BEARER_HEADER;
import static io.incidentops.testsupport.api.AccessPolicy.KeyStyle.GENIE_KEY;
import static io.incidentops.testsupport.api.AccessPolicy.KeyStyle.ROUTING_KEY_FIELD;

/** Every operation of intake's OpenAPI document against its documented access (README "Endpoints"). */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationSweepTest {

    static final AccessPolicy ACCESS = AccessPolicy.of()
            .integrationKey(BEARER_HEADER, "POST /api/alerts", "POST /api/integrations/alertmanager",
                    "POST /api/integrations/grafana", "POST /api/integrations/custom")
            .integrationKey(ROUTING_KEY_FIELD, "POST /v2/enqueue", "POST /v2/change/enqueue")
            .integrationKey(GENIE_KEY, "POST /v2/alerts", "POST /v2/alerts/{identifier}/close",
                    "POST /v2/alerts/{identifier}/acknowledge",
                    "GET /v2/heartbeats", "POST /v2/heartbeats", "GET /v2/heartbeats/{name}",
                    "PATCH /v2/heartbeats/{name}", "DELETE /v2/heartbeats/{name}", "POST /v2/heartbeats/{name}/enable",
                    "POST /v2/heartbeats/{name}/disable", "GET /v2/heartbeats/{name}/ping",
                    "POST /v2/heartbeats/{name}/ping", "PUT /v2/heartbeats/{name}/ping",
                    "PATCH /v2/heartbeats/{name}/ping")
            .signedLinks("GET /ack/{token}", "POST /ack/{token}");

    @Test
    void everyOperationAnswersItsRoleTable() {
        AuthorizationSweep.check(ACCESS);
    }
}
