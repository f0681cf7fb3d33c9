package io.incidentops.executor.runbook;

import io.incidentops.events.model.IncidentType;
import org.junit.jupiter.api.Test;

import static io.incidentops.events.model.IncidentType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The documented selection rule (README "Runbook selection"), on the bundled runbooks. */
class RunbookSelectorTest {

    private final RunbookSelector selector = new RunbookSelector(RunbookCatalog.loadBundled(RunbookCatalogTest.ALL));

    private String select(IncidentType type, String text) {
        return selector.select(type, text).name();
    }

    @Test
    void aDependencyDownIsTheKnownCauseAfterSecurity() {
        assertThat(selector.select(PERFORMANCE_DEGRADATION, "checkout error rate 12%", true).name()).isEqualTo("third_party_outage");
        assertThat(selector.select(SERVICE_OUTAGE, "checkout is down", true).name()).isEqualTo("third_party_outage");
        assertThat(selector.select(null, "db connection pool exhausted", true).name()).isEqualTo("third_party_outage");
        assertThat(selector.select(SECURITY_INCIDENT, "suspicious logins", true).name()).isEqualTo("security_breach");
        assertThat(selector.select(PERFORMANCE_DEGRADATION, "checkout error rate 12%", false).name()).isEqualTo("high_error_rate");
    }

    @Test
    void typesMapToTheirRunbooks() {
        assertThat(select(SERVICE_OUTAGE, "checkout is down")).isEqualTo("service_down");
        assertThat(select(PERFORMANCE_DEGRADATION, "checkout p95 latency above 2s")).isEqualTo("high_latency");
        assertThat(select(SECURITY_INCIDENT, "suspicious logins from many IPs")).isEqualTo("security_breach");
        assertThat(select(THIRD_PARTY_FAILURE, "payment provider timeouts")).isEqualTo("third_party_outage");
        assertThat(select(DEPLOYMENT_RELATED, "bad release of checkout")).isEqualTo("high_error_rate");
    }

    @Test
    void performanceDegradationWithErrorsIsHighErrorRate() {
        assertThat(select(PERFORMANCE_DEGRADATION, "checkout error rate 12%")).isEqualTo("high_error_rate");
        assertThat(select(PERFORMANCE_DEGRADATION, "Spike of 5xx on /pay")).isEqualTo("high_error_rate");
        assertThat(select(PERFORMANCE_DEGRADATION, "HighErrorRate")).isEqualTo("high_error_rate"); // alert name, camel case
    }

    @Test
    void keywordsPickDatabaseAndMemoryRunbooks() {
        assertThat(select(PERFORMANCE_DEGRADATION, "slow queries on postgres primary")).isEqualTo("database_issues");
        assertThat(select(INFRASTRUCTURE_FAILURE, "DB connection pool exhausted")).isEqualTo("database_issues");
        assertThat(select(INFRASTRUCTURE_FAILURE, "pods OOMKilled every hour")).isEqualTo("memory_leak");
        assertThat(select(PERFORMANCE_DEGRADATION, "memory leak in cart")).isEqualTo("memory_leak");
        assertThat(select(null, "heap usage keeps growing")).isEqualTo("memory_leak");
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        assertThat(select(INFRASTRUCTURE_FAILURE, "dbus daemon crashed")).isEqualTo("generic");
        assertThat(select(INFRASTRUCTURE_FAILURE, "bloom filter full")).isEqualTo("generic");
    }

    @Test
    void securityAndOutageWinOverSymptomKeywords() {
        assertThat(select(SECURITY_INCIDENT, "database dump exfiltrated")).isEqualTo("security_breach");
        assertThat(select(SERVICE_OUTAGE, "checkout down: db unreachable")).isEqualTo("service_down");
    }

    @Test
    void anythingElseIsGeneric() {
        assertThat(select(DATA_LOSS, "orders missing since 10:00")).isEqualTo("generic");
        assertThat(select(INFRASTRUCTURE_FAILURE, "node not ready")).isEqualTo("generic");
        assertThat(select(null, "")).isEqualTo("generic");
    }
}
