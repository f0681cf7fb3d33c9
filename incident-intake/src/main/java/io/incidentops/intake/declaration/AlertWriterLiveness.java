package io.incidentops.intake.declaration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.List;

/**
 * DOWN when one of the alert writer's threads has died: this replica then accepts alerts it never answers or never
 * applies, and only a restart brings the thread back (Kubernetes restarts on a failed liveness probe; the journal
 * rows it leaves are applied by the other replicas or after the restart).
 */
@Liveness
@ApplicationScoped
public class AlertWriterLiveness implements HealthCheck {

    static final String NAME = "alert-writer";

    @Inject
    AlertWriter writer;

    @Override
    public HealthCheckResponse call() {
        List<String> dead = writer.deadThreads();
        return HealthCheckResponse.named(NAME).status(dead.isEmpty())
                .withData("dead-threads", String.join(", ", dead)).build();
    }
}
