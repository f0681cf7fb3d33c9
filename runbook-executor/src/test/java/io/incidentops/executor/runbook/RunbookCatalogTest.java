package io.incidentops.executor.runbook;

import io.incidentops.events.model.MitigationAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled catalogue loads, and the seed's runbooks carry the specification's step texts verbatim (seed step 5). */
class RunbookCatalogTest {

    static final List<String> ALL = List.of("service_down", "high_error_rate", "high_latency", "database_issues",
            "memory_leak", "security_breach", "third_party_outage", "generic");

    static final Map<String, List<String>> SEED = Map.of(
            "service_down", List.of(
                    "Verify service health endpoint returns 200 OK",
                    "Check application logs for crashes or fatal errors",
                    "Verify database connectivity",
                    "Check infrastructure (pods/containers running, load balancer healthy)",
                    "Review recent deployments (consider rollback)",
                    "Restart service if safe to do so",
                    "Scale up resources if resource exhaustion detected"),
            "high_error_rate", List.of(
                    "Identify error type from logs (500 errors, timeouts, database errors)",
                    "Check for recent code deployments (correlation analysis)",
                    "Verify database query performance",
                    "Check third-party API availability",
                    "Review application configuration changes",
                    "Consider rollback if deployment-related",
                    "Implement hotfix if code bug identified"),
            "high_latency", List.of(
                    "Identify slow endpoints from APM traces",
                    "Check database query performance (slow queries)",
                    "Verify cache hit rate (Redis, Memcached)",
                    "Check for resource contention (CPU, memory)",
                    "Review recent traffic patterns (spike in requests?)",
                    "Scale horizontally if capacity issue",
                    "Optimize slow queries or implement caching"),
            "database_issues", List.of(
                    "Verify database connectivity from application",
                    "Check connection pool exhaustion",
                    "Identify slow queries (EXPLAIN ANALYZE)",
                    "Check database resource utilization (CPU, memory, IOPS)",
                    "Verify replication lag (if using replicas)",
                    "Consider connection pool increase",
                    "Kill long-running queries if blocking others",
                    "Scale database resources if needed"),
            "security_breach", List.of(
                    "IMMEDIATELY isolate affected systems (network segmentation)",
                    "Preserve evidence (logs, snapshots, memory dumps)",
                    "Revoke compromised credentials",
                    "Block malicious IP addresses",
                    "Assess scope of breach (data accessed, systems compromised)",
                    "Engage security team and legal counsel",
                    "Prepare breach notification (if customer data affected)",
                    "Document chain of custody for forensics"));

    @Test
    void everyBundledRunbookLoadsWithVersionTitleAndSteps() {
        List<Runbook> runbooks = RunbookCatalog.loadBundled(ALL);
        assertThat(runbooks).extracting(Runbook::name).containsExactlyElementsOf(ALL);
        assertThat(runbooks).allSatisfy(r -> {
            assertThat(r.version()).isNotBlank();
            assertThat(r.title()).isNotBlank();
            assertThat(r.steps()).isNotEmpty();
        });
        assertThat(runbooks).filteredOn(Runbook::isFallback).extracting(Runbook::name).containsExactly("generic");
    }

    @Test
    void seedRunbooksHaveTheSpecificationsStepsVerbatimAndInOrder() {
        List<Runbook> runbooks = RunbookCatalog.loadBundled(ALL);
        SEED.forEach((name, steps) -> {
            Runbook r = runbooks.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            // a step the executor adds (a measurement) is automated: no work for people beyond the seed's
            assertThat(r.steps()).filteredOn(s -> !steps.contains(s.title())).as(name).allSatisfy(s ->
                    assertThat(s.automated()).isTrue());
            assertThat(r.steps()).extracting(Runbook.Step::title).as(name).filteredOn(steps::contains)
                    .containsExactlyElementsOf(steps);
        });
    }

    @Test
    void automatedStepsUseKnownActionsAndTheHealthCheckIsAutomated() {
        List<Runbook> runbooks = RunbookCatalog.loadBundled(ALL);
        Runbook serviceDown = runbooks.get(0);
        assertThat(serviceDown.steps().get(0)).isEqualTo(new Runbook.Step(
                "Verify service health endpoint returns 200 OK", "automated", "http-check", null, null, null, null, null,
                null, 200, null));
        assertThat(serviceDown.steps().get(4).action()).isEqualTo("rollout-history");
        assertThat(runbooks.stream().flatMap(r -> r.steps().stream()).filter(Runbook.Step::automated))
                .allSatisfy(s -> assertThat(StepAction.of(s.action())).isPresent());
        Runbook generic = runbooks.get(runbooks.size() - 1);
        assertThat(generic.steps()).extracting(Runbook.Step::title).anySatisfy(t -> assertThat(t).containsIgnoringCase("logs"))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("metrics"))
                .anySatisfy(t -> assertThat(t).containsIgnoringCase("recent changes"));
    }

    @Test
    void brokenRunbooksAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RunbookLoader.parse("empty-steps.yaml", """
                name: x
                version: "1"
                title: X
                matches: [{types: [SERVICE_OUTAGE]}]
                steps: []
                """)).isInstanceOf(InvalidRunbookException.class).hasMessageContaining("steps must not be empty");
        assertThatThrownBy(() -> RunbookLoader.parse("bad-kind.yaml", """
                name: x
                version: "1"
                title: X
                matches: [{keywords: [db]}]
                steps: [{title: Do it, kind: magic}]
                """)).hasMessageContaining("kind must be automated or manual");
        assertThatThrownBy(() -> RunbookLoader.parse("bad-action.yaml", """
                name: x
                version: "1"
                title: X
                matches: [{keywords: [db]}]
                steps: [{title: Do it, kind: automated, action: reboot-the-world}]
                """)).hasMessageContaining("reboot-the-world");
        assertThatThrownBy(() -> RunbookLoader.parse("typo.yaml", """
                name: x
                version: "1"
                title: X
                matches: [{keywords: [db]}]
                step: [{title: Do it, kind: manual}]
                """)).hasMessageContaining("not a valid runbook");
        assertThatThrownBy(() -> RunbookLoader.parse("unknown-type.yaml", """
                name: x
                version: "1"
                title: X
                matches: [{types: [ALIEN_INVASION]}]
                steps: [{title: Do it, kind: manual}]
                """)).hasMessageContaining("not a valid runbook");
        assertThatThrownBy(() -> RunbookLoader.parse("no-version.yaml", """
                name: x
                title: X
                fallback: true
                steps: [{title: Do it, kind: manual}]
                """)).hasMessageContaining("version is required");
        assertThatThrownBy(() -> RunbookLoader.parse("alternative-without-reason.yaml", """
                name: x
                version: "1"
                title: X
                fallback: true
                steps: [{title: Do it, kind: manual}]
                alternatives: [{action: RESTART}]
                """)).hasMessageContaining("alternatives[0].reason is required");
        assertThatThrownBy(() -> RunbookLoader.parse("unknown-alternative.yaml", """
                name: x
                version: "1"
                title: X
                fallback: true
                steps: [{title: Do it, kind: manual}]
                alternatives: [{action: REBOOT, reason: try it}]
                """)).hasMessageContaining("not a valid runbook");
    }

    @Test
    void alternativesAreReadInOrder() {
        Runbook serviceDown = RunbookLoader.parse("service_down.yaml",
                getClass().getResourceAsStream("/runbooks/service_down.yaml"));
        assertThat(serviceDown.alternativeList()).extracting(Runbook.Alternative::action)
                .containsExactly(MitigationAction.RESTART, MitigationAction.ROLLBACK, MitigationAction.FAILOVER);
        assertThat(serviceDown.alternativeList()).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
    }

    @Test
    void duplicateNamesAndMissingFallbackAreRefused() {
        Runbook a = RunbookLoader.parse("a.yaml", """
                name: a
                version: "1"
                title: A
                fallback: true
                steps: [{title: Do it, kind: manual}]
                """);
        assertThatThrownBy(() -> RunbookLoader.validateCatalogue(List.of(a, a))).hasMessageContaining("used twice");
        Runbook b = RunbookLoader.parse("b.yaml", """
                name: b
                version: "1"
                title: B
                matches: [{keywords: [db]}]
                steps: [{title: Do it, kind: manual}]
                """);
        assertThatThrownBy(() -> RunbookLoader.validateCatalogue(List.of(b))).hasMessageContaining("fallback");
        assertThatThrownBy(() -> RunbookCatalog.loadBundled(List.of("no_such_runbook"))).hasMessageContaining("not found");
    }
}
