package io.incidentops.executor.deployment;

import io.incidentops.events.executor.DeploymentSummary;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A deployment reported on the deployments topic. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String service;
    public String version;
    public String environment;
    /** deployed | upgraded | rolledback */
    public String kind;
    @Column(name = "deployed_at")
    public Instant deployedAt;
    @Column(name = "received_at")
    public Instant receivedAt;

    public DeploymentSummary summary() {
        return new DeploymentSummary(service, version, environment, kind, deployedAt);
    }
}
