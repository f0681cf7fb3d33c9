package io.incidentops.executor.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.http.JsonGet;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The status of each service's third-party dependencies, read from their Statuspage v2 {@code summary.json}. One row
 * per configured (service, dependency) holds the last reading; {@link VendorStatusWorker} reads the due ones, and
 * diagnostics read a service's dependencies at once. Reads happen outside any transaction.
 */
@ApplicationScoped
public class VendorStatusService {

    private static final TypeReference<List<VendorStatus.VendorIncident>> INCIDENTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ExecutorConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    private JsonGet http;

    /** A dependency of a service. */
    public record Key(String service, String dependency) {
    }

    @PostConstruct
    void init() {
        http = new JsonGet("status page", config.vendors().timeout(), config.vendors().maxResponseBytes());
    }

    void onStart(@Observes StartupEvent event) {
        register();
    }

    /** One row per configured dependency, due at once; a changed URL is taken over, the last reading kept. */
    @Transactional
    public void register() {
        Instant now = Instant.now(clock);
        config.services().forEach((service, sc) -> sc.dependencies().forEach((name, dependency) ->
                em.createNativeQuery("""
                                INSERT INTO vendor_status (service, dependency, status_url, state, next_check_at)
                                VALUES (:service, :dependency, :url, 'UNKNOWN', :now)
                                ON CONFLICT (service, dependency) DO UPDATE SET status_url = EXCLUDED.status_url""")
                        .setParameter("service", service).setParameter("dependency", name)
                        .setParameter("url", dependency.statusUrl()).setParameter("now", Timestamp.from(now))
                        .executeUpdate()));
    }

    /** Claims the due readings (skipping rows another replica holds) and leases them. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Key> claimDue() {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE vendor_status SET next_check_at = :leaseUntil
                        WHERE (service, dependency) IN (SELECT service, dependency FROM vendor_status
                                                        WHERE next_check_at <= :now
                                                        ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING service, dependency""")
                .setParameter("leaseUntil", Timestamp.from(now.plus(config.worker().lease())))
                .setParameter("now", Timestamp.from(now))
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
        return rows.stream().map(r -> new Key((String) r[0], (String) r[1])).toList();
    }

    /** Reads one dependency's status page now; empty if it is no longer configured. */
    public Optional<CompletableFuture<VendorStatus>> read(Key key) {
        ExecutorConfig.ServiceConfig sc = config.services().get(key.service());
        ExecutorConfig.Dependency dependency = sc == null ? null : sc.dependencies().get(key.dependency());
        if (dependency == null) return Optional.empty();
        String url = dependency.statusUrl();
        List<String> components = dependency.components().orElse(List.of());
        return Optional.of(http.get(url).thenApply(answer -> {
            Instant now = Instant.now(clock);
            if (answer.failed()) return StatuspageSummary.unknown(key.dependency(), url, answer.failure(), now);
            if (answer.status() / 100 != 2) {
                return StatuspageSummary.unknown(key.dependency(), url, "status page answered HTTP " + answer.status(), now);
            }
            return StatuspageSummary.parse(key.dependency(), url, answer.body(), components, now);
        }));
    }

    /** Reads every dependency of {@code service} now (at once, each under its deadline), stores and returns them. */
    public List<VendorStatus> checkService(String service) {
        ExecutorConfig.ServiceConfig sc = service == null ? null : config.services().get(service);
        if (sc == null) return List.of();
        List<CompletableFuture<VendorStatus>> pending = new ArrayList<>();
        sc.dependencies().keySet().stream().sorted()
                .forEach(name -> read(new Key(service, name)).ifPresent(pending::add));
        List<VendorStatus> statuses = pending.stream().map(CompletableFuture::join).toList();
        statuses.forEach(s -> store(service, s));
        return statuses;
    }

    /** Records a reading; the next one is due a poll interval later. A dependency no longer configured is dropped. */
    @Transactional
    public void store(String service, VendorStatus status) {
        em.createNativeQuery("""
                        UPDATE vendor_status SET status_url = :url, state = :state, page = :page,
                               description = :description, incidents = :incidents, error = :error,
                               checked_at = :checkedAt, next_check_at = :next
                        WHERE service = :service AND dependency = :dependency""")
                .setParameter("url", status.statusUrl()).setParameter("state", status.state().name())
                .setParameter("page", status.page()).setParameter("description", status.description())
                .setParameter("incidents", toJson(status.incidents())).setParameter("error", status.error())
                .setParameter("checkedAt", Timestamp.from(status.checkedAt()))
                .setParameter("next", Timestamp.from(Instant.now(clock).plus(config.vendors().pollInterval())))
                .setParameter("service", service).setParameter("dependency", status.dependency())
                .executeUpdate();
    }

    @Transactional
    public void forget(Key key) {
        em.createNativeQuery("DELETE FROM vendor_status WHERE service = :service AND dependency = :dependency")
                .setParameter("service", key.service()).setParameter("dependency", key.dependency()).executeUpdate();
    }

    /**
     * The dependencies of {@code service} whose last reading, recent enough ({@code vendors.stale-after}), says DOWN.
     * Local and fast: called while incident.declared is handled.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<String> downDependencies(String service) {
        if (service == null) return List.of();
        return em.createNativeQuery("""
                        SELECT dependency FROM vendor_status
                        WHERE service = :service AND state = 'DOWN' AND checked_at >= :fresh ORDER BY dependency""")
                .setParameter("service", service)
                .setParameter("fresh", Timestamp.from(Instant.now(clock).minus(config.vendors().staleAfter())))
                .getResultList();
    }

    /** The last reading of each dependency of {@code service}, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<VendorStatus> latest(String service) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT dependency, status_url, state, page, description, incidents, error, checked_at
                        FROM vendor_status WHERE service = :service ORDER BY dependency""")
                .setParameter("service", service).getResultList();
        return rows.stream().map(r -> new VendorStatus((String) r[0], (String) r[1], VendorState.valueOf((String) r[2]),
                (String) r[3], (String) r[4], fromJson((String) r[5]), (String) r[6],
                r[7] == null ? null : instant(r[7]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof Timestamp t) return t.toInstant();
        if (value instanceof OffsetDateTime o) return o.toInstant();
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private String toJson(List<VendorStatus.VendorIncident> incidents) {
        try {
            return json.writeValueAsString(incidents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vendor incidents not serialisable", e);
        }
    }

    private List<VendorStatus.VendorIncident> fromJson(String text) {
        if (text == null) return List.of();
        try {
            return json.readValue(text, INCIDENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vendor_status.incidents is not JSON", e);
        }
    }
}
