package io.incidentops.testsupport.api;

import io.incidentops.testsupport.InfraTestResource;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.incidentops.testsupport.api.ApiCalls.bearer;
import static io.incidentops.testsupport.api.ApiCalls.call;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sends {@link FuzzBodies} to every POST, PUT and PATCH operation of the service's OpenAPI document, authenticated as
 * the operation asks, and checks that each is refused with a 4xx problem ({@code application/problem+json}; people's
 * signed links answer HTML, the PagerDuty route PagerDuty's JSON), never a 5xx, and that no row of the service's
 * schema was added or removed.
 */
public final class BodyFuzz {

    private static final String PROBLEM = "application/problem+json";

    private final AccessPolicy policy;
    private final String schema;
    private final Map<String, String> validBodies;
    private final List<String> findings = new ArrayList<>();

    private BodyFuzz(AccessPolicy policy, String schema, Map<String, String> validBodies) {
        this.policy = policy;
        this.schema = schema;
        this.validBodies = validBodies;
    }

    /** Fuzzes the running service whose tables live in {@code schema}; fails listing every body that got through. */
    public static void check(AccessPolicy policy, String schema) {
        check(policy, schema, Map.of());
    }

    /**
     * As {@link #check(AccessPolicy, String)}, with a valid body for some operations ({@code "POST /api/incidents"}
     * → JSON): their spoiled bodies start from it, so that only the spoiled field is wrong. Without one, a body made
     * up from the schema may already fail a rule the schema does not tell (a known severity) and hide the field.
     */
    public static void check(AccessPolicy policy, String schema, Map<String, String> validBodies) {
        new BodyFuzz(policy, schema, validBodies).run();
    }

    private void run() {
        OpenApiDocument document = OpenApiDocument.read();
        FuzzBodies bodies = new FuzzBodies(document);
        List<ApiOperation> writing = document.operations().stream().filter(ApiOperation::writes).toList();
        assertTrue(!writing.isEmpty(), "the OpenAPI document lists no POST, PUT or PATCH operation");
        List<String> documented = writing.stream().map(ApiOperation::key).toList();
        validBodies.keySet().stream().filter(k -> !documented.contains(k))
                .forEach(k -> findings.add(k + ": has a valid body but is not in the document"));
        for (ApiOperation operation : writing) {
            Map<String, Long> before = RowCounts.of(schema);
            bodies.of(operation, validBodies.get(operation.key())).forEach((name, body) -> send(operation, name, body));
            Map<String, Long> after = RowCounts.of(schema);
            if (!before.equals(after)) {
                findings.add(operation + ": rows changed " + changed(before, after));
            }
        }
        if (!findings.isEmpty()) {
            fail(findings.size() + " fuzzed request(s) were not refused cleanly:\n  " + String.join("\n  ", findings));
        }
    }

    private void send(ApiOperation operation, String name, String body) {
        String contentType = operation.bodyType().filter(t -> !t.contains("*")).orElse("application/json");
        Response response = call(operation, credential(operation), contentType, body);
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            findings.add(operation + " with " + name + ": " + status + " " + abbreviated(response.asString()));
        } else if (expectsProblem(operation) && !Objects.toString(response.contentType(), "").startsWith(PROBLEM)) {
            findings.add(operation + " with " + name + ": " + status + " as " + response.contentType()
                    + ", expected " + PROBLEM);
        }
    }

    private String credential(ApiOperation operation) {
        if (operation.roles().isPresent()) return bearer(SweepTokens.allRoles());
        if (policy.keyStyle(operation).filter(s -> s == AccessPolicy.KeyStyle.BEARER_HEADER).isPresent()) {
            return bearer(InfraTestResource.integrationKey());
        }
        return null;
    }

    private boolean expectsProblem(ApiOperation operation) {
        return !policy.isSignedLink(operation) && policy.keyStyle(operation)
                .filter(s -> s == AccessPolicy.KeyStyle.ROUTING_KEY_FIELD).isEmpty();
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder changes = new StringBuilder();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) changes.append(table).append(' ').append(before.get(table))
                    .append(" → ").append(count).append("; ");
        });
        return changes.toString();
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
