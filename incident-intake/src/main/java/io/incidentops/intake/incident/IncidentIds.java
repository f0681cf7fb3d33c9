package io.incidentops.intake.incident;

import io.incidentops.platform.transaction.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code INC-YYYYMMDD-NNN}: UTC day of detection and a per-day sequence from 001, handed out by the database so that
 * any number of replicas never hand out the same number (the upsert locks the day's row until commit).
 */
@ApplicationScoped
public class IncidentIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @Inject
    EntityManager em;

    @Inject
    AdvisoryLocks locks;

    /** The next free ID of the UTC day of {@code detectedAt} (never the server's local day). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String next(Instant detectedAt) {
        LocalDate day = detectedAt.atZone(ZoneOffset.UTC).toLocalDate();
        while (true) {
            Number n = (Number) em.createNativeQuery("""
                    INSERT INTO incident_sequence (day, last) VALUES (:day, 1)
                    ON CONFLICT (day) DO UPDATE SET last = incident_sequence.last + 1
                    RETURNING last""").setParameter("day", day).getSingleResult();
            String id = format(day, n.intValue());
            // a caller may have supplied (or be supplying) this very ID: skip it rather than fail
            locks.lock("id:" + id);
            if (Incident.findById(id) == null) {
                return id;
            }
        }
    }

    public static String format(LocalDate day, int sequence) {
        return "INC-" + DAY.format(day) + "-" + String.format("%03d", sequence);
    }
}
