package io.incidentops.intake.integrations;

import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.platform.security.Sha256;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every integration whose key may send alerts, from configuration and from the {@code integration_key} table, looked up
 * by the SHA-256 of a presented key. Kept in memory (a key is checked on every alert request) and reloaded every
 * {@code integration-keys-refresh}, and at once on the replica that changes a key.
 */
@ApplicationScoped
public class Integrations {

    private static final Logger LOG = Logger.getLogger(Integrations.class);

    @Inject
    IntegrationsConfig config;

    @Inject
    IntakeConfig intake;

    @Inject
    Clock clock;

    /** What a key's hash opens, and until when (a rotated-out secret's grace period; null: no end). */
    private record Entry(Integration integration, Instant validUntil) {
    }

    private volatile Map<String, Entry> byHash = Map.of();
    private volatile Map<String, Integration> byName = Map.of();
    private Map<String, Integration> configured;

    @PostConstruct
    void readConfiguration() {
        configured = fromConfiguration();
    }

    /** Loaded before the first request: a key is never looked up in the database on the request's thread. */
    void start(@Observes StartupEvent event) {
        refresh();
    }

    /** The integration the presented key belongs to, or empty (unknown, revoked, rotated out). */
    public Optional<Integration> verify(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) return Optional.empty();
        // looked up by hash: a timing difference can tell only about the hash of what the caller sent
        Entry entry = byHash.get(Sha256.hex(presentedKey));
        if (entry == null || entry.validUntil() != null && !Instant.now(clock).isBefore(entry.validUntil())) {
            return Optional.empty();
        }
        return Optional.of(entry.integration());
    }

    /** An integration by name (the {@code alerts} topic's {@code incidentops-integration} header). */
    public Optional<Integration> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every integration, by name: the configured ones and those created through the API. */
    public Map<String, Integration> all() {
        return byName;
    }

    public boolean isConfigured(String name) {
        return configured.containsKey(name);
    }

    @Scheduled(every = "${incidentops.security.integration-keys-refresh:5s}", delayed = "${incidentops.security.integration-keys-refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        Map<String, Entry> hashes = new HashMap<>();
        Map<String, Integration> names = new LinkedHashMap<>(configured);
        config.integrationKeys().forEach((name, hash) ->
                hashes.put(hash.trim().toLowerCase(Locale.ROOT), new Entry(configured.get(name), null)));
        List<IntegrationKeyRow> rows = IntegrationKeyRow.list("revokedAt is null");
        for (IntegrationKeyRow row : rows) {
            Integration integration = row.integration();
            names.put(row.name, integration);
            hashes.put(row.secretHash, new Entry(integration, null));
            if (row.previousSecretHash != null && row.previousValidUntil != null) {
                hashes.putIfAbsent(row.previousSecretHash, new Entry(integration, row.previousValidUntil));
            }
        }
        byHash = Map.copyOf(hashes);
        byName = Map.copyOf(names);
    }

    private Map<String, Integration> fromConfiguration() {
        Map<String, Integration> out = new LinkedHashMap<>();
        for (String name : config.integrationKeys().keySet()) {
            IntegrationsConfig.Scope scope = config.integrations().get(name);
            Optional<String> type = scope == null ? Optional.empty() : scope.sourceType();
            SourceType sourceType = type.map(t -> SourceType.byWireName(t).orElseThrow(() -> new IllegalArgumentException(
                    "incidentops.security.integrations." + name + ".source-type: unknown source type '" + t + "'")))
                    .orElse(SourceType.GENERIC);
            Set<IntegrationRoute> routes;
            if (scope != null && scope.routes().isPresent()) {
                routes = routes(name, scope.routes().get());
            } else if (type.isPresent()) {
                routes = sourceType.defaultRoutes();
            } else {
                // how keys were configured before they had scopes: keep them working, but say what it means
                LOG.warnf("integration '%s' is configured without a source type or routes: its key may use every alert"
                        + " route (set incidentops.security.integrations.%s.source-type or .routes)", name, name);
                routes = EnumSet.allOf(IntegrationRoute.class);
            }
            IntakeConfig.RateLimit limit = intake.rateLimits().get(name);
            Integration.RateLimit rateLimit = limit == null || limit.perSecond() <= 0 ? null
                    : new Integration.RateLimit(limit.perSecond(),
                            limit.burst().orElse((int) Math.ceil(limit.perSecond())));
            out.put(name, new Integration(name, sourceType, routes,
                    scope == null ? null : scope.maxSeverity().orElse(null), rateLimit,
                    Integration.Origin.CONFIGURATION, false, null));
        }
        return out;
    }

    private static Set<IntegrationRoute> routes(String name, List<String> names) {
        if (names.size() == 1 && "all".equals(names.get(0).trim())) return EnumSet.allOf(IntegrationRoute.class);
        EnumSet<IntegrationRoute> routes = EnumSet.noneOf(IntegrationRoute.class);
        for (String route : names) {
            routes.add(IntegrationRoute.byWireName(route.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "incidentops.security.integrations." + name + ".routes: unknown route '" + route + "'")));
        }
        return routes;
    }
}
