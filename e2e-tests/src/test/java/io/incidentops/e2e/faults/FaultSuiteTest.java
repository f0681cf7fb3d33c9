package io.incidentops.e2e.faults;

import io.incidentops.local.DemoTeam;
import io.incidentops.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost when a process dies, PostgreSQL freezes or the broker restarts: two replicas of every service, 5,000
 * distinct alerts over 50 services (half over HTTP to both intake replicas, half on the {@code alerts} topic) while
 * the fault happens (a replica of each service killed, PostgreSQL frozen, the broker restarted, the notice
 * webhook receiver stalling after its headers), then the services' tables are counted against the load's own log of
 * what it was told was stored.
 * Each scenario writes its figures to {@code e2e-tests/target/faults/<scenario>.json}.
 * <p>
 * Runs only when asked ({@code -Dfaults=true}, see the README): a stack of ten processes and three faults take some
 * minutes. Invariants: every alert answered 2xx (or acknowledged by the broker) is recorded exactly once; one incident
 * per service, each once on the status page; one timeline entry per event; no dead letter in any service; caught up
 * within a loose bound after the fault ended (the figure itself is recorded). The run's services page the demo team
 * (its escalation policy): every incident paged, one page per person per escalation step.
 */
@EnabledIfSystemProperty(named = "faults", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

    private static final int SERVICES = 50;
    private static final int OVER_HTTP = 2_500;
    private static final int OVER_KAFKA = 2_500;
    private static final Duration LOAD_DURATION = Duration.ofSeconds(45);
    private static final Duration FAULT_AFTER = Duration.ofSeconds(8);
    private static final Duration CATCH_UP_BOUND = Duration.ofMinutes(3);
    private static final List<String> ONE_OF_EACH = List.of("intake-2", "executor-2", "comms-2", "reporter-2");

    private static LocalStack stack;
    private static StallingReceiver receiver;

    @BeforeAll
    static void startStack() throws Exception {
        receiver = new StallingReceiver();
        stack = new LocalStack(root(), root().resolve("e2e-tests/target/faults/stack"), false, false)
                // the console reads, it holds nothing to lose: one replica, the machine's cores go to the services
                .withFreePorts().withReplicas("2,console=1")
                // every incident's notices (responders for a P1) go to the receiver, which stalls in the last scenario
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.stakeholders.url", receiver.url())
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.responders.url", receiver.url())
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.allowed-hosts", "127.0.0.1")
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.signing-secret",
                        "whsec_" + java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes()));
        if (stack.start() != 0) {
            stack.stop();
            throw new IllegalStateException("stack did not start; see e2e-tests/target/faults/stack/logs");
        }
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (stack != null) stack.stop();
        if (receiver != null) receiver.close();
    }

    @Test
    @Order(1)
    void oneReplicaOfEachServiceKilledAndRestarted() throws Exception {
        run("sigkill", FAULT_AFTER, proof -> {
            for (String name : ONE_OF_EACH) {
                long pid = stack.process(name).pid();
                stack.process(name).destroyForcibly(); // SIGKILL
                proof.put(name + " killed pid", pid);
            }
            Thread.sleep(10_000);
            for (String name : ONE_OF_EACH) {
                stack.restart(name);
                long fresh = stack.process(name).pid();
                assertThat(fresh).as(name + " is a new process").isNotEqualTo(proof.get(name + " killed pid"));
                proof.put(name + " new pid", fresh);
            }
        });
    }

    @Test
    @Order(2)
    void postgresFrozenForThirtySeconds() throws Exception {
        run("postgres-frozen", FAULT_AFTER, proof -> {
            List<String> pids = new ArrayList<>();
            ProcessHandle postmaster = stack.process("postgres");
            pids.add(Long.toString(postmaster.pid()));
            postmaster.children().forEach(c -> pids.add(Long.toString(c.pid())));
            signal("STOP", pids);
            try {
                proof.put("postmaster state while frozen", processState(postmaster.pid()));
                Thread.sleep(30_000);
            } finally {
                signal("CONT", pids);
            }
            proof.put("frozen processes", pids.size());
        });
    }

    @Test
    @Order(3)
    void brokerKilledAndRestarted() throws Exception {
        run("broker-restart", FAULT_AFTER, proof -> {
            long pid = stack.process("kafka").pid();
            stack.process("kafka").destroyForcibly();
            Thread.sleep(10_000);
            stack.restart("kafka");
            proof.put("broker killed pid", pid);
            assertThat(stack.process("kafka").pid()).as("a new broker process").isNotEqualTo(pid);
            proof.put("broker new pid", stack.process("kafka").pid());
        });
    }

    @Test
    @Order(4)
    void aNotificationReceiverThatSendsHeadersAndThenStalls() throws Exception {
        Map<String, Integer> before = new LinkedHashMap<>();
        receiver.received.forEach((id, n) -> before.put(id, n.get()));
        // from the start: each incident's notice leaves as it is declared, in the load's first seconds
        run("receiver-stalls", Duration.ZERO, proof -> {
            receiver.stall(true);
            try {
                Thread.sleep(30_000);
            } finally {
                receiver.stall(false);
            }
            proof.put("answers stalled after their headers", receiver.stalled.get());
        });
        assertThat(receiver.stalled.get()).as("the receiver stalled answers").isPositive();
        long repeated = receiver.received.entrySet().stream()
                .filter(e -> !before.containsKey(e.getKey()) && e.getValue().get() > 1).count();
        assertThat(repeated).as("messages received more than once (their status had arrived)").isZero();
    }

    /** A fault, done while the load runs; it puts what proves it happened into the figures. */
    @FunctionalInterface
    interface Fault {
        void inject(Map<String, Object> proof) throws Exception;
    }

    private void run(String scenario, Duration faultAfter, Fault fault) throws Exception {
        String tag = scenario.replace("-", "") + UUID.randomUUID().toString().substring(0, 6);
        AlertLoad load = new AlertLoad(tag, SERVICES, stack.urls("incident-intake"), stack.infra().integrationKey(),
                stack.infra().bootstrapServers());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", scenario);
        figures.put("tag", tag);
        Map<String, Object> proof = new LinkedHashMap<>();
        try (Ledger ledger = new Ledger(stack.infra().jdbcUrl(), stack.infra().username(), stack.infra().password(),
                tag)) {
            load.routeServicesTo(DemoTeam.POLICY, stack.infra().security().adminToken(Duration.ofHours(1)));
            Map<String, Long> deadLettersBefore = ledger.deadLetters();
            Instant started = Instant.now();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    load.run(OVER_HTTP, OVER_KAFKA, LOAD_DURATION);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(faultAfter.toMillis());
            Instant faultStarted = Instant.now();
            fault.inject(proof);
            Instant faultEnded = Instant.now();
            sending.join();
            Duration caughtUp = awaitCaughtUp(ledger, load.stored, faultEnded);

            figures.put("fault started after seconds", Duration.between(started, faultStarted).toMillis() / 1000.0);
            figures.put("fault lasted seconds", Duration.between(faultStarted, faultEnded).toMillis() / 1000.0);
            figures.put("proof", proof);
            figures.put("stored (2xx or acknowledged)", load.stored.size());
            figures.put("not stored (refused until the sender gave up)", load.notStored.size());
            figures.put("refusals by answer", new LinkedHashMap<>(load.refusals));
            figures.put("caught up seconds after the fault", caughtUp.toMillis() / 1000.0);
            Set<String> recorded = ledger.recordedAlerts();
            Set<String> missing = new HashSet<>(load.stored);
            missing.removeAll(recorded);
            figures.put("alert rows", ledger.alertRows());
            figures.put("stored alerts missing", missing.size());
            figures.put("incidents", ledger.incidents());
            figures.put("status page entries", ledger.statusPageEntries());
            figures.put("repeated timeline entries", ledger.repeatedTimelineEntries());
            figures.put("paged incidents", ledger.pagedIncidents());
            figures.put("repeated pages", ledger.repeatedPages());
            Map<String, Long> deadLetters = ledger.deadLetters();
            figures.put("dead letters (before, after)", deadLettersBefore + " " + deadLetters);
            write(scenario, figures);

            assertThat(proof).as("the fault happened").isNotEmpty();
            proof.forEach((what, value) -> {
                if (what.endsWith("state while frozen")) assertThat(value).as(what).isEqualTo("T");
            });
            assertThat(missing).as("alerts answered 2xx or acknowledged, not recorded").isEmpty();
            assertThat(ledger.alertRows()).as("each recorded once").isEqualTo(recorded.size());
            assertThat(ledger.incidents()).as("one incident per service").isEqualTo(SERVICES);
            assertThat(ledger.servicesWithAnIncident()).isEqualTo(SERVICES);
            assertThat(ledger.statusPageEntries()).as("each incident once on the status page").isEqualTo(SERVICES);
            assertThat(ledger.incidentsOnTheStatusPage()).isEqualTo(SERVICES);
            assertThat(ledger.repeatedTimelineEntries()).as("one timeline entry per event").isZero();
            assertThat(ledger.pagedIncidents()).as("every incident paged its on-call person").isEqualTo(SERVICES);
            assertThat(ledger.repeatedPages()).as("one page per person per escalation step").isZero();
            assertThat(deadLetters).as("no dead letters").isEqualTo(deadLettersBefore);
            assertThat(caughtUp).as("caught up after the fault").isLessThan(CATCH_UP_BOUND);
        }
    }

    /** Waits until every stored alert is recorded and every service's incident is on the status page. */
    private static Duration awaitCaughtUp(Ledger ledger, Set<String> stored, Instant faultEnded) throws Exception {
        Instant giveUp = faultEnded.plus(CATCH_UP_BOUND).plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            if (ledger.recordedAlerts().containsAll(stored) && ledger.incidentsOnTheStatusPage() >= SERVICES
                    && ledger.pagedIncidents() >= SERVICES) {
                return Duration.between(faultEnded, Instant.now());
            }
            Thread.sleep(500);
        }
        return Duration.between(faultEnded, Instant.now());
    }

    /** The state letter of {@code /proc/<pid>/stat}: {@code T} for a stopped process. */
    private static String processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void write(String scenario, Map<String, Object> figures) throws IOException {
        Path dir = root().resolve("e2e-tests/target/faults");
        Files.createDirectories(dir);
        StringBuilder json = new StringBuilder("{\n");
        figures.forEach((k, v) -> json.append("  \"").append(k).append("\": ")
                .append(v instanceof Number ? v.toString() : "\"" + String.valueOf(v).replace("\"", "'") + "\"")
                .append(",\n"));
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        Files.writeString(dir.resolve(scenario + ".json"), json);
        System.out.println("[faults] " + scenario + ": " + json);
    }

    private static Path root() {
        return Path.of(System.getProperty("incidentops.root", "..")).toAbsolutePath().normalize();
    }
}
