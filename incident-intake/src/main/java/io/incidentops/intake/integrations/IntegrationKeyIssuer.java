package io.incidentops.intake.integrations;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.custom.FieldMapping;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates, rescopes, rotates and revokes the integration keys kept in the database. A secret is returned once, when it
 * is made, and only its SHA-256 is stored. Each change is reloaded at once on this replica, within
 * {@code integration-keys-refresh} on the others.
 */
@ApplicationScoped
public class IntegrationKeyIssuer {

    /** 128 random bits as 32 hex characters: the length of a PagerDuty routing key, which some clients check. */
    private static final int SECRET_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> BUILT_IN_NAMES = Set.of(Integration.alertsTopic().name(),
            Integration.responders().name(), Integration.heartbeats().name());

    @Inject
    Integrations integrations;

    @Inject
    Clock clock;

    /** A key and, only here, its secret. */
    public record Issued(IntegrationKeyRow row, String secret) {
    }

    /** The scope asked for; null fields keep what is there (or the source type's routes, for a new key). */
    public record Scope(List<String> routes, Severity maxSeverity, Double ratePerSecond, Integer rateBurst,
                        FieldMapping mapping) {
    }

    public Issued create(String name, String sourceType, Scope scope, String by) {
        return changed(() -> {
            if (BUILT_IN_NAMES.contains(name) || integrations.isConfigured(name)) {
                throw new ConflictException("integration '" + name + "' is defined in configuration or built in");
            }
            if (IntegrationKeyRow.findById(name) != null) {
                throw new ConflictException("integration '" + name + "' exists (a revoked name is not reused)");
            }
            SourceType type = SourceType.byWireName(sourceType).filter(t -> t != SourceType.KAFKA)
                    .orElseThrow(() -> new InvalidInputException("sourceType",
                            "one of generic, alertmanager, grafana, pagerduty, opsgenie, custom, email"));
            IntegrationKeyRow row = new IntegrationKeyRow();
            row.name = name;
            row.sourceType = type.wireName();
            row.routeSet(type.defaultRoutes());
            apply(row, scope);
            if (type == SourceType.CUSTOM && row.mapping == null) {
                throw new InvalidInputException("mapping", "a custom source needs a field mapping (service and summary at least)");
            }
            String secret = newSecret();
            row.secretHash = Sha256.hex(secret);
            row.createdAt = Instant.now(clock);
            row.createdBy = by;
            row.persist();
            return new Issued(row, secret);
        });
    }

    public IntegrationKeyRow rescope(String name, Scope scope) {
        return changed(() -> {
            IntegrationKeyRow row = live(name);
            apply(row, scope);
            return row;
        });
    }

    /** A new secret; the old one keeps working for {@code grace} (zero: stops at once). */
    public Issued rotate(String name, Duration grace) {
        return changed(() -> {
            IntegrationKeyRow row = live(name);
            Instant now = Instant.now(clock);
            row.previousSecretHash = grace.isZero() ? null : row.secretHash;
            row.previousValidUntil = grace.isZero() ? null : now.plus(grace);
            String secret = newSecret();
            row.secretHash = Sha256.hex(secret);
            row.rotatedAt = now;
            return new Issued(row, secret);
        });
    }

    public IntegrationKeyRow revoke(String name, String by) {
        return changed(() -> {
            IntegrationKeyRow row = live(name);
            row.revokedAt = Instant.now(clock);
            row.revokedBy = by;
            row.previousSecretHash = null;
            row.previousValidUntil = null;
            return row;
        });
    }

    private IntegrationKeyRow live(String name) {
        if (integrations.isConfigured(name)) {
            throw new ConflictException("integration '" + name + "' is defined in configuration: change it there");
        }
        IntegrationKeyRow row = IntegrationKeyRow.findById(name);
        if (row == null) throw new ResourceNotFoundException("no integration '" + name + "'");
        if (row.revokedAt != null) throw new ConflictException("integration '" + name + "' was revoked");
        return row;
    }

    private static void apply(IntegrationKeyRow row, Scope scope) {
        if (scope == null) return;
        if (scope.routes() != null) {
            EnumSet<IntegrationRoute> routes = EnumSet.noneOf(IntegrationRoute.class);
            for (String route : scope.routes()) {
                routes.add(IntegrationRoute.byWireName(route).orElseThrow(() -> new InvalidInputException("routes",
                        "unknown route '" + route + "'; one of " + List.of(IntegrationRoute.values()).stream()
                                .map(IntegrationRoute::wireName).toList())));
            }
            row.routeSet(routes);
        }
        if (scope.maxSeverity() != null) row.maxSeverity = scope.maxSeverity() == Severity.P0 ? null : scope.maxSeverity();
        if (scope.mapping() != null) {
            scope.mapping().compile(); // every expression checked now: a 400 naming it, not a surprise on the first alert
            row.mapping = scope.mapping();
        }
        if (scope.ratePerSecond() != null) {
            row.ratePerSecond = scope.ratePerSecond() > 0 ? scope.ratePerSecond() : null;
            row.rateBurst = scope.ratePerSecond() > 0 ? scope.rateBurst() : null;
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The change committed, then this replica's copy of the keys reloaded (the others reload on their schedule). */
    private <T> T changed(Supplier<T> change) {
        T result = QuarkusTransaction.requiringNew().call(change::get);
        integrations.refresh();
        return result;
    }
}
