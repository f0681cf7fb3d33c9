package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * What a test against fabric8's mock API server holds (the subclass runs with {@link KubernetesProfile} and
 * {@code @WithKubernetesTestServer(crud = true)}): the server and its client, and a Kafka client closed after each test.
 */
public abstract class KubernetesTestBase {

    protected static final String NS = KubernetesProfile.NAMESPACE;

    @KubernetesTestServer
    protected KubernetesServer server;

    protected final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    protected KubernetesClient client() {
        return server.getClient();
    }
}
