package io.incidentops.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * One Kafka Admin client per replica, made on first use from the service's own Kafka settings (bootstrap servers,
 * security), for what asks the broker about itself: the broker's health, a consumer group's lag.
 */
@ApplicationScoped
public class KafkaAdmin {

    /** The longest any call waits for the broker: health and watchdog answers must not hang. */
    public static final int TIMEOUT_MS = 10_000;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile Admin admin;

    void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }

    public Admin get() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = new HashMap<>();
                    kafka.forEach((k, v) -> {
                        if (AdminClientConfig.configNames().contains(k)) props.put(k, v);
                    });
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "incidentops-admin");
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    admin = Admin.create(props);
                }
            }
        }
        return admin;
    }
}
