package io.incidentops.intake.oncall.silence.api;

import io.incidentops.intake.oncall.silence.Matcher;
import io.incidentops.intake.oncall.silence.PagingSuppression;
import io.incidentops.intake.oncall.silence.Recurrence;
import io.incidentops.intake.oncall.silence.Silence;
import io.incidentops.intake.oncall.silence.SilenceAudit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies in Alertmanager's silence shape ({@code /api/v2/silences}: camelCase, {@code status.state}). */
public final class SilenceViews {

    private SilenceViews() {
    }

    public record Status(String state) {
    }

    /**
     * Alertmanager's GettableSilence, plus a maintenance window's {@code recurrence}, when it next suppresses
     * ({@code nextActiveAt}, null once it never will) and who expired it.
     */
    public record SilenceView(UUID id, Status status, Instant updatedAt, List<Matcher> matchers, Instant startsAt,
                              Instant endsAt, String createdBy, String comment, Recurrence recurrence,
                              Instant nextActiveAt, String expiredBy, Instant expiredAt) {
        static SilenceView of(Silence s, Instant now) {
            return new SilenceView(s.id, new Status(s.state(now)), s.updatedAt, s.matchers, s.startsAt, s.endsAt,
                    s.createdBy, s.comment, s.recurrence, s.nextActiveFrom(now).orElse(null), s.expiredBy, s.expiredAt);
        }
    }

    /** Alertmanager's answer to a POST. */
    public record Created(String silenceID) {
    }

    public record AuditEntry(UUID id, UUID silenceId, String action, String actor, Instant at, String detail) {
        static AuditEntry of(SilenceAudit a) {
            return new AuditEntry(a.id, a.silenceId, a.action, a.actor, a.at, a.detail);
        }
    }

    public record Audit(List<AuditEntry> entries, int offset, int limit, boolean more, long total) {
    }

    public record Suppression(UUID silenceId, UUID stepId, Instant suppressedAt, Instant until) {
        static Suppression of(PagingSuppression p) {
            return new Suppression(p.silenceId, p.stepId, p.suppressedAt, p.until);
        }
    }

    /** An incident's paging held back: {@code suppressed} while a step waits for a silence now. */
    public record IncidentPaging(String incidentId, boolean suppressed, List<Suppression> suppressions) {
    }
}
