package io.incidentops.intake.integrations;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.custom.CustomFormat;
import io.incidentops.intake.alerts.custom.FieldMapping;
import io.incidentops.platform.problem.InvalidInputException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An integration key created through the admin API: its scope and the hash of its secret, never the secret. */
@Entity
@Table(name = "integration_key")
public class IntegrationKeyRow extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "source_type")
    public String sourceType;

    /** Comma-separated {@link IntegrationRoute} wire names. */
    public String routes;

    @Enumerated(EnumType.STRING)
    @Column(name = "max_severity")
    public Severity maxSeverity;

    @Column(name = "rate_per_second")
    public Double ratePerSecond;

    @Column(name = "rate_burst")
    public Integer rateBurst;

    /** A custom source's field mapping (JSON). */
    @JdbcTypeCode(SqlTypes.JSON)
    public FieldMapping mapping;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "previous_secret_hash")
    public String previousSecretHash;

    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Version
    public long version;

    public Set<IntegrationRoute> routeSet() {
        EnumSet<IntegrationRoute> set = EnumSet.noneOf(IntegrationRoute.class);
        Arrays.stream(routes.split(",")).filter(r -> !r.isBlank())
                .forEach(r -> IntegrationRoute.byWireName(r.trim()).ifPresent(set::add));
        return set;
    }

    public void routeSet(Set<IntegrationRoute> set) {
        routes = set.stream().map(IntegrationRoute::wireName).collect(Collectors.joining(","));
    }

    /** The compiled mapping; null (the route then says so) if a stored mapping no longer compiles. */
    private CustomFormat customFormat() {
        if (mapping == null) return null;
        try {
            return mapping.compile();
        } catch (InvalidInputException e) {
            return null;
        }
    }

    public Integration integration() {
        Integration.RateLimit limit = ratePerSecond == null || ratePerSecond <= 0 ? null
                : new Integration.RateLimit(ratePerSecond,
                        rateBurst != null ? rateBurst : (int) Math.ceil(ratePerSecond));
        return new Integration(name, SourceType.byWireName(sourceType).orElse(SourceType.GENERIC), routeSet(),
                maxSeverity, limit, Integration.Origin.API, false, customFormat());
    }
}
