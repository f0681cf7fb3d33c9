package io.incidentops.intake;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.intake.incident.Incident;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** Intake's counters: the documented names, and counted only once the work committed. */
@QuarkusTest
class MetricsTest {

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIntake intake;

    @Inject
    MeterRegistry meters;

    @Test
    void aRolledBackDeclarationIsNotCountedACommittedOneIs() {
        String source = unique("metrics");
        // P4 DATA_LOSS: no other test declares that combination, so the declared counter is ours to watch
        Alert alert = normalizer.fromGeneric(new GenericAlert(unique("ledger"), "Ledger rows lost", null, "P4",
                Map.of("type", "data_loss"), null, null, null, null), source);
        double declaredBefore = count("incidentops.intake.incidents.declared", "severity", "P4", "type", "DATA_LOSS");

        // something after the declaration fails: the transaction rolls back, nothing happened, nothing to count
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            intake.accept(alert);
            throw new IllegalStateException("a later step failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(incidentsOf(alert.service())).isZero();
        assertThat(count("incidentops.intake.alerts", "source", source, "outcome", "declared")).isZero();
        assertThat(count("incidentops.intake.incidents.declared", "severity", "P4", "type", "DATA_LOSS"))
                .isEqualTo(declaredBefore);

        QuarkusTransaction.requiringNew().run(() -> intake.accept(alert));
        assertThat(incidentsOf(alert.service())).isOne();
        assertThat(count("incidentops.intake.alerts", "source", source, "outcome", "declared")).isOne();
        assertThat(count("incidentops.intake.incidents.declared", "severity", "P4", "type", "DATA_LOSS"))
                .isEqualTo(declaredBefore + 1);
    }

    @Test
    void everyAlertOfOneTransactionIsCountedByItsOutcome() {
        String source = unique("metrics");
        String service = unique("tally");
        List<Alert> alerts = Stream.of("a", "b", "c").map(n -> normalizer.fromGeneric(new GenericAlert(service,
                "Tally " + n, null, "P3", null, null, n, null, null), source)).toList();

        List<AlertIntake.Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> intake.acceptAll(alerts));

        assertThat(outcomes).extracting(AlertIntake.Outcome::outcome)
                .containsExactly(AlertIntake.DECLARED, AlertIntake.ATTACHED, AlertIntake.ATTACHED);
        assertThat(count("incidentops.intake.alerts", "source", source, "outcome", "declared")).isOne();
        assertThat(count("incidentops.intake.alerts", "source", source, "outcome", "attached")).isEqualTo(2);
    }

    @Test
    void prometheusShowsTheDocumentedNames() {
        integration().body(alert(unique("metrics"), "Metrics names check", "P3")).post("/api/alerts").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("incidentops_intake_alerts_total{outcome=\"declared\",source=\"api\"}"))
                .body(containsString("incidentops_intake_incidents_declared_total{severity=\"P3\",type=\"SERVICE_OUTAGE\"}"));
    }

    private double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long incidentsOf(String service) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.count("service", service));
    }
}
