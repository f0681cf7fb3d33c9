package io.incidentops.executor.runbook;

import java.util.Arrays;
import java.util.Optional;

/** What an automated step can do; a runbook naming any other action does not load. */
public enum StepAction {
    /** GET the service's configured health URL: 2xx passes. */
    HTTP_HEALTH_CHECK("http-health-check"),
    /** List the service's deployments in the look-back window before detection. */
    RECENT_DEPLOYMENTS("recent-deployments");

    private final String id;

    StepAction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<StepAction> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
