package io.incidentops.testsupport.api;

import io.incidentops.local.DevSecurity;
import io.incidentops.testsupport.InfraTestResource;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.incidentops.testsupport.api.ApiCalls.bearer;
import static io.incidentops.testsupport.api.ApiCalls.call;
import static io.incidentops.testsupport.api.ApiCalls.callWithEmptyBody;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Calls every operation of the service's OpenAPI document with no token, refused tokens and each role, and checks the
 * documented role table: 401 without a valid token, 403 for a role the operation's security requirement does not
 * name, neither for one it names (a 400, 404 or 409 from a dummy path parameter or an empty body is fine: it proves
 * authorization passed). Operations without a security requirement must be listed in the {@link AccessPolicy}.
 */
public final class AuthorizationSweep {

    /** Operational endpoints of every service; not in the OpenAPI document, public by the architecture's rules. */
    private static final List<String> OPERATIONAL = List.of("/q/health/live", "/q/health/ready", "/q/metrics",
            "/q/openapi");

    private final AccessPolicy policy;
    private final List<String> findings = new ArrayList<>();

    private AuthorizationSweep(AccessPolicy policy) {
        this.policy = policy;
    }

    /** Sweeps the running service; fails listing every operation that breaks its documented access. */
    public static void check(AccessPolicy policy) {
        new AuthorizationSweep(policy).run();
    }

    private void run() {
        List<ApiOperation> operations = OpenApiDocument.read().operations();
        assertTrue(operations.size() > 1, "the OpenAPI document lists no operations");
        Map<String, String> refusedTokens = SweepTokens.refused();
        Set<String> documented = new TreeSet<>();
        for (ApiOperation operation : operations) {
            documented.add(operation.key());
            if (operation.roles().isPresent()) {
                checkJwt(operation, operation.roles().get(), refusedTokens);
            } else if (policy.keyStyle(operation).isPresent()) {
                checkIntegrationKey(operation, policy.keyStyle(operation).get());
            } else if (policy.isSignedLink(operation)) {
                expect(operation, "a link token that names nothing", callWithEmptyBody(operation, null), 403);
            } else if (policy.isPublic(operation)) {
                expectNot(operation, "no credential", callWithEmptyBody(operation, null), 401, 403);
            } else {
                findings.add(operation + ": no security requirement in the OpenAPI document and not listed as public"
                        + " (an endpoint without @RolesAllowed?)");
            }
        }
        for (String named : policy.named()) {
            if (!documented.contains(named)) findings.add(named + ": listed as public but not in the document");
        }
        for (String path : OPERATIONAL) {
            int status = given().get(path).statusCode();
            if (status == 401 || status == 403) findings.add("GET " + path + ": " + status + " without a token");
        }
        if (!findings.isEmpty()) {
            fail(findings.size() + " operation(s) break the documented access rules:\n  "
                    + String.join("\n  ", findings));
        }
    }

    private void checkJwt(ApiOperation operation, Set<String> allowed, Map<String, String> refusedTokens) {
        if (allowed.isEmpty()) {
            findings.add(operation + ": its security requirement names no role");
        }
        expect(operation, "no token", callWithEmptyBody(operation, null), 401);
        refusedTokens.forEach((name, token) ->
                expect(operation, name, callWithEmptyBody(operation, bearer(token)), 401));
        for (String role : new TreeSet<>(DevSecurity.ALL_ROLES)) {
            Response response = callWithEmptyBody(operation, bearer(SweepTokens.withRole(role)));
            if (allowed.contains(role)) {
                expectNot(operation, "role " + role, response, 401, 403);
            } else {
                expect(operation, "role " + role, response, 403);
            }
        }
    }

    private void checkIntegrationKey(ApiOperation operation, AccessPolicy.KeyStyle style) {
        String key = InfraTestResource.integrationKey();
        String adminJwt = SweepTokens.allRoles();
        switch (style) {
            case BEARER_HEADER, GENIE_KEY -> {
                expect(operation, "no key", callWithEmptyBody(operation, null), style.refusedStatus);
                expect(operation, "a wrong key", callWithEmptyBody(operation, ApiCalls.key(style, "not-" + key)),
                        style.refusedStatus);
                expect(operation, "a JWT instead of a key",
                        callWithEmptyBody(operation, ApiCalls.key(style, adminJwt)), style.refusedStatus);
                if (style == AccessPolicy.KeyStyle.GENIE_KEY) {
                    expect(operation, "the key as a bearer", callWithEmptyBody(operation, bearer(key)),
                            style.refusedStatus);
                }
                expectNot(operation, "the key", callWithEmptyBody(operation, ApiCalls.key(style, key)), 401, 403);
            }
            case ROUTING_KEY_FIELD -> {
                expectRoutingKeyRefused(operation, "no key", "{}");
                expectRoutingKeyRefused(operation, "a wrong key", "{\"routing_key\":\"not-" + key + "\"}");
                Response withKey = call(operation, null, "application/json", "{\"routing_key\":\"" + key + "\"}");
                if (withKey.asString().contains("routing_key")) {
                    findings.add(operation + " with the key: still complains about routing_key: " + withKey.asString());
                }
            }
        }
    }

    private void expectRoutingKeyRefused(ApiOperation operation, String credential, String body) {
        Response response = call(operation, null, "application/json", body);
        expect(operation, credential, response, AccessPolicy.KeyStyle.ROUTING_KEY_FIELD.refusedStatus);
        if (!response.asString().contains("routing_key")) {
            findings.add(operation + " with " + credential + ": the answer does not name routing_key: "
                    + response.asString());
        }
    }

    private void expect(ApiOperation operation, String credential, Response response, int status) {
        if (response.statusCode() != status) {
            findings.add(operation + " with " + credential + ": " + response.statusCode() + ", expected " + status);
        }
    }

    private void expectNot(ApiOperation operation, String credential, Response response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                findings.add(operation + " with " + credential + ": " + status + ", expected authorization to pass");
            }
        }
        if (response.statusCode() >= 500) {
            findings.add(operation + " with " + credential + ": " + response.statusCode() + " " + response.asString());
        }
    }
}
