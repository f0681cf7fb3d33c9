package io.incidentops.testsupport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** The operations the service under test publishes at {@code /q/openapi}: what the sweeps call. */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Reads the document of the running service (RestAssured's base URI and port: the {@code @QuarkusTest} app). */
    public static OpenApiDocument read() {
        String document = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            return new OpenApiDocument(JSON.readTree(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private ApiOperation operation(String method, String path, JsonNode op) {
        List<ApiOperation.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode parameter = resolve(p);
            if ("path".equals(parameter.path("in").asText())) {
                parameters.add(new ApiOperation.Parameter(parameter.path("name").asText(),
                        dummyValue(resolve(parameter.path("schema")))));
            }
        }
        Optional<String> bodyType = Optional.empty();
        JsonNode bodySchema = MissingNode.getInstance();
        Iterator<Map.Entry<String, JsonNode>> content = resolve(op.path("requestBody")).path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            bodyType = Optional.of(first.getKey());
            bodySchema = resolve(first.getValue().path("schema"));
        }
        return new ApiOperation(method, path, roles(op), List.copyOf(parameters), bodyType, bodySchema);
    }

    /** The scopes of every security requirement: smallrye-openapi lists an operation's allowed roles there. */
    private static Optional<Set<String>> roles(JsonNode op) {
        if (!op.has("security")) return Optional.empty();
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : op.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(s -> roles.add(s.asText())));
        }
        return Optional.of(Set.copyOf(roles));
    }

    private static String dummyValue(JsonNode schema) {
        String type = schema.path("type").asText();
        if ("integer".equals(type) || "number".equals(type)) return "999999";
        if ("uuid".equals(schema.path("format").asText())) return "00000000-0000-0000-0000-000000000000";
        return "sweep-names-nothing";
    }

    /** The node a {@code $ref} points at (local references only, as smallrye-openapi writes them). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 20; depth++) {
            current = root.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }
}
