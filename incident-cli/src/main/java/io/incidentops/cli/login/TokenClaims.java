package io.incidentops.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.output.Json;
import io.incidentops.cli.output.Text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a JWT says about its holder, read without verifying it (the services verify it; this only tells the user
 * whom the stored token speaks for and until when).
 */
final class TokenClaims {

    private TokenClaims() {
    }

    static String describe(String token) {
        JsonNode claims = claims(token);
        if (claims == null) {
            return "Token stored (not a JWT: the services will judge it).";
        }
        String who = first(claims, "upn", "preferred_username", "sub");
        List<String> roles = new ArrayList<>();
        claims.path("groups").forEach(g -> roles.add(g.asText()));
        StringBuilder sb = new StringBuilder("Token for ").append(Text.safe(who));
        sb.append(roles.isEmpty() ? " (no roles)" : " (roles: " + Text.safe(String.join(", ", roles)) + ")");
        if (claims.has("exp")) {
            Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
            sb.append(exp.isBefore(Instant.now()) ? ", EXPIRED at " : ", valid until ").append(Text.time(exp.toString()));
        }
        return sb.append('.').toString();
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static String first(JsonNode claims, String... names) {
        for (String name : names) {
            if (claims.hasNonNull(name)) {
                return claims.get(name).asText();
            }
        }
        return "an unnamed user";
    }
}
