package io.incidentops.testsupport.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a service documents besides its OpenAPI security requirements: the operations that ask for no JWT, each
 * listed on purpose. Anything else the document publishes without a security requirement is a finding.
 */
public final class AccessPolicy {

    /** How an integration-key operation takes its key, and what it answers when the key is missing or wrong. */
    public enum KeyStyle {
        /** {@code Authorization: Bearer <key>} (Alertmanager's http_config.authorization): 401. */
        BEARER_HEADER(401),
        /** PagerDuty Events API v2: the key is the body's {@code routing_key}; PagerDuty answers 400 invalid event. */
        ROUTING_KEY_FIELD(400),
        /** Opsgenie: {@code Authorization: GenieKey <key>}; Opsgenie answers 401 in its own error shape. */
        GENIE_KEY(401);

        final int refusedStatus;

        KeyStyle(int refusedStatus) {
            this.refusedStatus = refusedStatus;
        }
    }

    private final Set<String> open = new LinkedHashSet<>();
    private final Set<String> signedLinks = new LinkedHashSet<>();
    private final Map<String, KeyStyle> integrationKeyed = new LinkedHashMap<>();

    public static AccessPolicy of() {
        return new AccessPolicy();
    }

    /** Public operations ({@code "GET /history.atom"}): the status page, signed links that are their own credential. */
    public AccessPolicy publicOperations(String... operations) {
        open.addAll(Set.of(operations));
        return this;
    }

    /**
     * Public operations whose path carries a signed link token (LinkTokens) as the credential: a token that names
     * nothing is refused with 403 (the link's own refusal), never with a JWT challenge.
     */
    public AccessPolicy signedLinks(String... operations) {
        signedLinks.addAll(Set.of(operations));
        return this;
    }

    /** Alert-ingestion operations that take an integration key in the given way instead of a JWT. */
    public AccessPolicy integrationKey(KeyStyle style, String... operations) {
        for (String operation : operations) integrationKeyed.put(operation, style);
        return this;
    }

    boolean isPublic(ApiOperation operation) {
        return open.contains(operation.key());
    }

    boolean isSignedLink(ApiOperation operation) {
        return signedLinks.contains(operation.key());
    }

    Optional<KeyStyle> keyStyle(ApiOperation operation) {
        return Optional.ofNullable(integrationKeyed.get(operation.key()));
    }

    /** Every operation named here, to find the ones the document no longer has. */
    Set<String> named() {
        Set<String> all = new LinkedHashSet<>(open);
        all.addAll(signedLinks);
        all.addAll(integrationKeyed.keySet());
        return all;
    }
}
