package io.incidentops.testsupport.api;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Calls one operation of the service under test with a chosen credential and body. */
final class ApiCalls {

    private ApiCalls() {
    }

    /** {@code authorization} is the whole header value, or null for none; {@code body} null for none. */
    static Response call(ApiOperation operation, String authorization, String contentType, String body) {
        RequestSpecification request = given().redirects().follow(false).accept("*/*");
        if (authorization != null) request.header("Authorization", authorization);
        if (body != null) {
            // an operation that consumes anything (*/*) is sent JSON, what its callers send
            request.contentType(contentType.contains("*") ? "application/json" : contentType).body(body);
        }
        return request.request(operation.method(), operation.concretePath());
    }

    /** The least body the operation's media type allows: {@code {}} for JSON, nothing else otherwise. */
    static Response callWithEmptyBody(ApiOperation operation, String authorization) {
        if (operation.bodyType().isEmpty()) return call(operation, authorization, null, null);
        return call(operation, authorization, operation.bodyType().get(), operation.takesJson() ? "{}" : "");
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The {@code Authorization} value presenting {@code key} the way an integration-key style takes it. */
    static String key(AccessPolicy.KeyStyle style, String key) {
        return style == AccessPolicy.KeyStyle.GENIE_KEY ? "GenieKey " + key : bearer(key);
    }
}
