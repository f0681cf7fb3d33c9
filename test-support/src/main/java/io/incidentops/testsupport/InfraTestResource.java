package io.incidentops.testsupport;

import io.incidentops.local.LocalInfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that points a service under test at the JVM-wide {@link LocalInfra#shared()} instance: a real
 * Kafka broker, a real PostgreSQL database and the local JWT/integration-key material.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
 * class IncidentResourceTest { ... InfraTestResource.infra().security().token("alice", Set.of("admin"), Duration.ofHours(1)) ... }
 * </pre>
 *
 * <p>{@link #stop()} does nothing: a JVM shutdown hook stops the shared infrastructure once, so every test class of
 * the module (and every Quarkus restart for a test profile) reuses the same broker and database.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalInfra.shared().quarkusConfig();
    }

    @Override
    public void stop() {
        // the shared infrastructure lives until the JVM exits (shutdown hook in LocalInfra.shared())
    }

    /** The shared infrastructure (started on first use). */
    public static LocalInfra infra() {
        return LocalInfra.shared();
    }

    /** A bearer token for {@code subject} with {@code roles}, for every service, valid for one hour. */
    public static String token(String subject, String... roles) {
        return infra().security().token(subject, java.util.Set.of(roles), java.time.Duration.ofHours(1));
    }

    /** A bearer token for {@code subject} with {@code roles}, for the given audiences only, valid for one hour. */
    public static String tokenFor(java.util.Set<String> audiences, String subject, String... roles) {
        return infra().security().token(subject, java.util.Set.of(roles), audiences, java.time.Duration.ofHours(1));
    }

    /** The plaintext integration key configured as {@code incidentops.security.integration-keys.local}. */
    public static String integrationKey() {
        return infra().integrationKey();
    }

    /** The Kafka bootstrap servers of the shared broker. */
    public static String bootstrapServers() {
        return infra().bootstrapServers();
    }
}
