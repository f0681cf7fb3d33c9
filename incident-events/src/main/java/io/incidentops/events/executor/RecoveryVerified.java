package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** Recovery was verified: the checks passed for the whole stability window (end of MTTR). */
public record RecoveryVerified(String incidentId, String mitigationId, String checks, Duration stableFor,
        Instant verifiedAt) implements IncidentEventData {
    public RecoveryVerified {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
