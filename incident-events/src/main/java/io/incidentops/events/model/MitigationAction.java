package io.incidentops.events.model;

/** The mitigation catalogue (seed step 6). */
public enum MitigationAction {
    ROLLBACK("Rollback deployment"),
    RESTART("Restart service/pods"),
    SCALE("Scale resources"),
    DISABLE_FEATURE_FLAG("Disable feature flag"),
    FAILOVER("Failover to backup system"),
    RATE_LIMIT("Implement rate limiting"),
    BLOCK_TRAFFIC("Block malicious traffic"),
    HOTFIX("Apply hotfix");

    private final String label;

    MitigationAction(String label) { this.label = label; }

    public String label() { return label; }
}
