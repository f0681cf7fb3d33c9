package io.incidentops.intake.alerts;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.incidentops.events.model.IncidentType.*;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentTypeClassifierTest {

    @Test
    void aLabelNamingATypeWins() {
        assertThat(IncidentTypeClassifier.classify(Map.of("type", "security-incident"), "disk full")).isEqualTo(SECURITY_INCIDENT);
        assertThat(IncidentTypeClassifier.classify(Map.of("category", "Data Loss"), "latency")).isEqualTo(DATA_LOSS);
        assertThat(IncidentTypeClassifier.classify(Map.of("type", "metric"), "High latency")).isEqualTo(PERFORMANCE_DEGRADATION);
    }

    @Test
    void keywordsInTheDocumentedOrder() {
        assertThat(classify("Unauthorized access to admin API")).isEqualTo(SECURITY_INCIDENT);
        assertThat(classify("DDoS on edge")).isEqualTo(SECURITY_INCIDENT);
        assertThat(classify("Orders table corrupted")).isEqualTo(DATA_LOSS);
        assertThat(classify("Errors after deploy of v42")).isEqualTo(DEPLOYMENT_RELATED);
        assertThat(classify("Database latency high")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("Checkout error rate above 5%")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("Stripe API failing")).isEqualTo(THIRD_PARTY_FAILURE);
        assertThat(classify("NodeDiskFull")).isEqualTo(INFRASTRUCTURE_FAILURE);
        assertThat(classify("Memory pressure on workers")).isEqualTo(INFRASTRUCTURE_FAILURE);
        assertThat(classify("Search unavailable")).isEqualTo(SERVICE_OUTAGE);
        assertThat(classify("Something odd")).isEqualTo(SERVICE_OUTAGE);
    }

    @Test
    void anEarlierGroupWinsWhereverItStandsInTheText() {
        assertThat(classify("Outage on the payment provider after the release")).isEqualTo(DEPLOYMENT_RELATED);
        assertThat(classify("HighLatency", "orders service down, database slow")).isEqualTo(PERFORMANCE_DEGRADATION);
        assertThat(classify("timed out on data loss check")).isEqualTo(DATA_LOSS);
    }

    @Test
    void keywordsAreWordsNotSubstrings() {
        assertThat(classify("nodejs worker restarted")).isEqualTo(SERVICE_OUTAGE); // "node" only as a word
        assertThat(classify("slowness reported")).isEqualTo(PERFORMANCE_DEGRADATION);
    }

    private static io.incidentops.events.model.IncidentType classify(String... texts) {
        return IncidentTypeClassifier.classify(Map.of(), texts);
    }
}
