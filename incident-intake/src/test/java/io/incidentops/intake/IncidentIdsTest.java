package io.incidentops.intake;

import io.incidentops.intake.incident.IncidentIds;
import io.incidentops.intake.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code INC-<UTC day of detection>-NNN} with the application's clock stopped where the test wants it. Each test
 * takes a day of the last century no other test uses, so the day's sequence is its own.
 */
@QuarkusTest
class IncidentIdsTest {

    /**
     * UTC+14 (a fixed offset: Kiritimati itself was UTC-10 until 1995): its midnight comes 14 hours before UTC's, so
     * an ID taken from a local day shows the wrong date.
     */
    private static final ZoneId FAR_EAST = ZoneOffset.ofHours(14);

    @Inject
    TestClock clock;

    @Inject
    IncidentIds ids;

    @AfterEach
    void restartTime() {
        clock.reset();
    }

    @Test
    void theFirstIdOfADayIs001AndTheSequenceRestartsAtUtcMidnight() {
        LocalDate day = unusedDay();
        TimeZone serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(FAR_EAST)); // the server's local day is not the UTC day either
        try {
            clock.stopAt(day.atTime(23, 59, 59).toInstant(ZoneOffset.UTC), FAR_EAST);
            assertThat(declare()).isEqualTo(IncidentIds.format(day, 1));
            assertThat(declare()).isEqualTo(IncidentIds.format(day, 2));

            clock.stopAt(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), FAR_EAST);
            assertThat(declare()).isEqualTo(IncidentIds.format(day.plusDays(1), 1));
        } finally {
            TimeZone.setDefault(serverZone);
        }
    }

    @Test
    void numbersTakenByCallerSuppliedIdsAreSkipped() {
        LocalDate day = unusedDay();
        clock.stopAt(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        String taken = IncidentIds.format(day, 2);
        Map<String, Object> own = new HashMap<>(alert(unique("caller"), "Caller numbered " + UUID.randomUUID(), "P4"));
        own.put("incidentId", taken);
        // responders may number incidents (integration keys may not: IntegrationKeysTest)
        as("responder").body(own).post("/api/incidents").then().statusCode(201).body("incidentId", equalTo(taken));

        assertThat(declare()).isEqualTo(IncidentIds.format(day, 1));
        assertThat(declare()).isEqualTo(IncidentIds.format(day, 3));
    }

    @Test
    void aWriterBatchTakesItsIdsInOneGoSkippingNumbersTakenByCallers() {
        LocalDate day = unusedDay();
        clock.stopAt(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Map<String, Object> own = new HashMap<>(alert(unique("caller"), "Caller numbered " + UUID.randomUUID(), "P4"));
        own.put("incidentId", IncidentIds.format(day, 2));
        as("responder").body(own).post("/api/incidents").then().statusCode(201);

        List<String> reserved = QuarkusTransaction.requiringNew().call(() -> ids.next(day, 3));

        assertThat(reserved).containsExactly(IncidentIds.format(day, 1), IncidentIds.format(day, 3),
                IncidentIds.format(day, 4));
        assertThat(declare()).isEqualTo(IncidentIds.format(day, 5));
    }

    @Test
    void twoInstancesRacingNeverHandOutTheSameId() throws Exception {
        LocalDate day = unusedDay();
        Instant detectedAt = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        int threads = 2;
        int perThread = 20;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each thread stands for one replica: its own transactions, only the database in common
            List<CompletableFuture<List<String>>> replicas = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                replicas.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    List<String> taken = new ArrayList<>();
                    for (int n = 0; n < perThread; n++) {
                        taken.add(QuarkusTransaction.requiringNew().call(() -> ids.next(day, 1).get(0)));
                    }
                    return taken;
                }, pool));
            }
            List<String> all = new ArrayList<>();
            for (CompletableFuture<List<String>> replica : replicas) {
                all.addAll(replica.get());
            }
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, threads * perThread).mapToObj(n -> IncidentIds.format(day, n)).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String declare() {
        return integration().body(alert(unique("ids"), "Numbered " + UUID.randomUUID(), "P4")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
    }

    /** A random day of 1900–1999: the services only ever number today, other tests use real days or none. */
    private static LocalDate unusedDay() {
        return LocalDate.of(1900, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_500));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
