package io.incidentops.executor.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One entry of an incident's evidence log; the table refuses updates and deletes (V9 trigger). */
@Entity
@Table(name = "evidence_entry")
@IdClass(EvidenceEntry.Key.class)
public class EvidenceEntry extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Id
    public int seq;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    public String kind;
    public String input;
    public String output;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;

    public static class Key implements Serializable {
        public String incidentId;
        public int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.incidentId, incidentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, seq);
        }
    }
}
