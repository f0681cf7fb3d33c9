package io.incidentops.events.model;

/** The seven incident types of the contract (seed step 1). */
public enum IncidentType {
    SERVICE_OUTAGE("Service Outage"),
    PERFORMANCE_DEGRADATION("Performance Degradation"),
    SECURITY_INCIDENT("Security Incident"),
    DATA_LOSS("Data Loss/Corruption"),
    THIRD_PARTY_FAILURE("Third-Party Dependency Failure"),
    INFRASTRUCTURE_FAILURE("Infrastructure Failure"),
    DEPLOYMENT_RELATED("Deployment-Related");

    private final String label;

    IncidentType(String label) { this.label = label; }

    public String label() { return label; }
}
