package io.incidentops.executor.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Stores deployments and answers "what was deployed to this service, and when". */
@ApplicationScoped
@Transactional
public class DeploymentService {

    private final Clock clock;

    public DeploymentService(Clock clock) {
        this.clock = clock;
    }

    /** Stores the deployment once; a redelivered record (same natural key) changes nothing. Returns whether it was new. */
    public boolean record(DeploymentRecord d) {
        long existing = Deployment.count("service = ?1 and version = ?2 and kind = ?3 and deployedAt = ?4 and "
                        + "coalesce(environment, '') = ?5", d.service(), d.version(), d.kind(), d.deployedAt(),
                d.environment() == null ? "" : d.environment());
        if (existing > 0) return false;
        Deployment deployment = new Deployment();
        deployment.service = d.service();
        deployment.version = d.version();
        deployment.environment = d.environment();
        deployment.kind = d.kind();
        deployment.deployedAt = d.deployedAt();
        deployment.receivedAt = Instant.now(clock);
        deployment.persist();
        return true;
    }

    /** Deployments of {@code service} in [from, to], newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Deployment> between(String service, Instant from, Instant to) {
        return Deployment.list("service = ?1 and deployedAt >= ?2 and deployedAt <= ?3 order by deployedAt desc, id desc",
                service, from, to);
    }
}
