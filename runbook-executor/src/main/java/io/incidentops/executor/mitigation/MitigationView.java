package io.incidentops.executor.mitigation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.incidentops.events.EventCodec;
import io.incidentops.events.model.MitigationAction;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A mitigation as the API shows it, with the state of its recovery verification. */
public record MitigationView(UUID mitigationId, String incidentId, MitigationAction action, String target,
                             Map<String, Object> parameters, String reason, String requestedBy, Instant requestedAt,
                             Mitigation.Status status, String detail, Instant completedAt, Recovery recovery) {

    public record Recovery(Mitigation.RecoveryState state, String healthUrl, Instant healthySince, Instant lastCheckAt,
                           String lastCheck, int checksPassed, int checksFailed, Instant deadline, String detail,
                           Instant completedAt) {
    }

    public static MitigationView of(Mitigation m) {
        return new MitigationView(m.id, m.incidentId, m.action, m.target, parameters(m.parameters), m.reason,
                m.requestedBy, m.requestedAt, m.status, m.detail, m.completedAt,
                new Recovery(m.recoveryState, m.healthUrl, m.healthySince, m.lastCheckAt, m.lastCheckDetail,
                        m.checksPassed, m.checksFailed, m.recoveryDeadline, m.recoveryDetail, m.recoveryCompletedAt));
    }

    private static Map<String, Object> parameters(String json) {
        if (json == null) return Map.of();
        try {
            return EventCodec.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
