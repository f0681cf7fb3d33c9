package io.incidentops.reporter.document;

import io.incidentops.events.model.PirRequirement;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A rendered document as written to the reports directory; served from here so every replica can answer. */
@Entity
@Table(name = "report_document")
@IdClass(ReportDocument.Key.class)
public class ReportDocument extends PanacheEntityBase {

    public static final String INCIDENT_REPORT = "incident-report";
    public static final String PIR = "pir";
    /** The PIR's calendar invite (iCalendar), served as {@code text/calendar}. */
    public static final String PIR_INVITE = "pir-invite";

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    @Id
    public String kind;

    @Column(nullable = false)
    public String location;

    @Column(nullable = false)
    public String content;

    /** PIR only. */
    @Enumerated(EnumType.STRING)
    public PirRequirement requirement;

    @Column(name = "due_by")
    public Instant dueBy;

    @Column(name = "rendered_at", nullable = false)
    public Instant renderedAt;

    public static Optional<ReportDocument> find(String incidentId, String kind) {
        return find("incidentId = ?1 and kind = ?2", incidentId, kind).firstResultOptional();
    }

    public static class Key implements Serializable {
        public String incidentId;
        public String kind;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(incidentId, k.incidentId) && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, kind);
        }
    }
}
