package io.incidentops.testsupport.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document.
 *
 * @param roles      the roles its security requirement names (smallrye-openapi writes an operation's
 *                   {@code @RolesAllowed} there); empty when the document asks for no JWT
 * @param bodyType   the media type of its request body, when it takes one
 * @param bodySchema the body's schema with {@code $ref}s resolved (a missing node when there is none)
 */
public record ApiOperation(String method, String path, Optional<Set<String>> roles, List<Parameter> pathParameters,
                           Optional<String> bodyType, JsonNode bodySchema) {

    /** A path parameter and the value a call uses for it: one that names nothing, of the declared type. */
    public record Parameter(String name, String dummyValue) {
    }

    /** {@code "POST /api/incidents/{id}/resolve"}: how services list their public operations. */
    public String key() {
        return method + " " + path;
    }

    /** The path with every parameter replaced by a value that names nothing. */
    public String concretePath() {
        String concrete = path;
        for (Parameter p : pathParameters) {
            concrete = concrete.replace("{" + p.name() + "}", p.dummyValue());
        }
        return concrete;
    }

    public boolean takesJson() {
        return bodyType.filter(t -> t.contains("json")).isPresent();
    }

    public boolean writes() {
        return Set.of("POST", "PUT", "PATCH").contains(method);
    }

    @Override
    public String toString() {
        return key();
    }
}
