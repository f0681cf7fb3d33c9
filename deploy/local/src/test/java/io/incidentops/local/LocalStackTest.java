package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LocalStackTest {

    /** What people run as their first installation must not lose an accepted alert in a crash. */
    @Test
    void stackPostgresIsDurableByDefault() throws Exception {
        Path target = Paths.get("target", "local-stack-test-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        LocalStack stack = new LocalStack(Paths.get("../.."), target, true, false);
        assertEquals(EmbeddedPostgresServer.Durability.DURABLE, stack.durability());
        try {
            assertEquals(0, stack.start());
            LocalInfra infra = stack.infra();
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
                    Statement st = c.createStatement()) {
                assertEquals("on", show(st, "fsync"));
                assertEquals("on", show(st, "synchronous_commit"));
                assertEquals("on", show(st, "full_page_writes"));
            }
            String env = Files.readString(target.resolve("stack.env"));
            assertTrue(env.contains("\nDB_DURABILITY=durable\n"), env);
        } finally {
            stack.stop();
            Files2.deleteRecursively(target);
        }
    }

    static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("show " + setting)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    /**
     * Intake keeps C2 for its hot path and collects with the parallel collector; the services after it compile with C1
     * only, on the serial collector, unless told otherwise.
     */
    @Test
    void javaOptionsDefaultPerServiceAndOverridable() {
        LocalStack.Service intake = LocalStack.SERVICES.get(0);
        LocalStack.Service comms = LocalStack.SERVICES.get(2);
        assertEquals("-Xms64m -Xmx512m -XX:+UseParallelGC", LocalStack.javaOptions(intake, Map.of()));
        assertEquals("-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", LocalStack.javaOptions(comms, Map.of()));
        assertEquals("-Xmx1g", LocalStack.javaOptions(comms, Map.of("STACK_JAVA_OPTS", "-Xmx1g")));
        assertEquals("-Xmx2g", LocalStack.javaOptions(comms,
                Map.of("STACK_JAVA_OPTS", "-Xmx1g", "STACK_JAVA_OPTS_COMMS_SERVICE", "-Xmx2g")));
        assertEquals("-Xms64m -Xmx512m -XX:+UseParallelGC", LocalStack.javaOptions(intake,
                Map.of("STACK_JAVA_OPTS", " ", "STACK_JAVA_OPTS_INCIDENT_INTAKE", "")));
    }

    /** The downstream services yield the CPU to the alert path unless told otherwise; nothing without {@code nice}. */
    @Test
    void downstreamServicesRunNicedByDefaultAndOverridable() {
        LocalStack.Service intake = LocalStack.SERVICES.get(0);
        LocalStack.Service executor = LocalStack.SERVICES.get(1);
        LocalStack.Service comms = LocalStack.SERVICES.get(2);
        LocalStack.Service reporter = LocalStack.SERVICES.get(3);
        Path nice = Paths.get("/usr/bin/nice");
        assertEquals(List.of(), LocalStack.niceness(intake, Map.of(), nice));
        assertEquals(List.of(), LocalStack.niceness(comms, Map.of(), nice));
        assertEquals(List.of("/usr/bin/nice", "-n", "10"), LocalStack.niceness(executor, Map.of(), nice));
        assertEquals(List.of("/usr/bin/nice", "-n", "10"),
                LocalStack.niceness(reporter, Map.of("STACK_NICE_METRICS_REPORTER", " "), nice));
        assertEquals(List.of(), LocalStack.niceness(executor, Map.of("STACK_NICE_RUNBOOK_EXECUTOR", "0"), nice));
        assertEquals(List.of("/usr/bin/nice", "-n", "5"),
                LocalStack.niceness(comms, Map.of("STACK_NICE_COMMS_SERVICE", "5"), nice));
        assertEquals(List.of(), LocalStack.niceness(executor, Map.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStack.niceness(executor, Map.of("STACK_NICE_RUNBOOK_EXECUTOR", "-5"), nice));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStack.niceness(executor, Map.of("STACK_NICE_RUNBOOK_EXECUTOR", "low"), nice));
    }

    @Test
    void fastUnsafeDbIsAnExplicitChoice() {
        LocalStack stack = new LocalStack(Paths.get("../.."), Paths.get("target", "unused"), true, false);
        assertEquals(EmbeddedPostgresServer.Durability.FAST_UNSAFE, stack.withFastUnsafeDb().durability());
        assertEquals("fast-unsafe", EmbeddedPostgresServer.Durability.FAST_UNSAFE.label());
        assertEquals("durable", EmbeddedPostgresServer.Durability.DURABLE.label());
        assertTrue(LocalStack.isTrue("true"));
        assertTrue(LocalStack.isTrue("1"));
        assertFalse(LocalStack.isTrue(null));
        assertFalse(LocalStack.isTrue("no"));
    }

    @Test
    void envValuesAreShellSafe() {
        assertEquals("http://127.0.0.1:8081", LocalStack.shellQuote("http://127.0.0.1:8081"));
        assertEquals("eyJ.abc-_x", LocalStack.shellQuote("eyJ.abc-_x"));
        assertEquals("'/path with space/x'", LocalStack.shellQuote("/path with space/x"));
        assertEquals("'it'\"'\"'s'", LocalStack.shellQuote("it's"));
    }

    @Test
    void serviceContract() {
        assertEquals(List.of("incident-intake", "runbook-executor", "comms-service", "metrics-reporter",
                        "incident-console"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::module).toList());
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085),
                LocalStack.SERVICES.stream().map(LocalStack.Service::defaultPort).toList());
        assertEquals(List.of("INTAKE_URL", "EXECUTOR_URL", "COMMS_URL", "REPORTER_URL", "CONSOLE_URL"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::urlKey).toList());
        assertEquals(List.of("INTAKE_PID", "EXECUTOR_PID", "COMMS_PID", "REPORTER_PID", "CONSOLE_PID"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::pidKey).toList());
        assertEquals(List.of("intake", "executor", "comms", "reporter", "console"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::shortName).toList());
    }

    /** The console's configuration (contract of #13): the services' URLs and the dev sign-in with the stack's keys. */
    @Test
    void theConsoleGetsTheServicesAndTheStacksKeyPair() {
        Path keys = Paths.get("target", "console-env-test-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            DevSecurity security = DevSecurity.generate(keys);
            Map<String, String> urls = Map.of("incident-intake", "http://127.0.0.1:1", "runbook-executor",
                    "http://127.0.0.1:2", "comms-service", "http://127.0.0.1:3", "metrics-reporter", "http://127.0.0.1:4");
            Map<String, String> env = LocalStack.consoleEnv(urls::get, security);
            assertEquals("http://127.0.0.1:1", env.get("INCIDENTOPS_CONSOLE_INTAKE_URL"));
            assertEquals("http://127.0.0.1:2", env.get("INCIDENTOPS_CONSOLE_EXECUTOR_URL"));
            assertEquals("http://127.0.0.1:3", env.get("INCIDENTOPS_CONSOLE_COMMS_URL"));
            assertEquals("http://127.0.0.1:4", env.get("INCIDENTOPS_CONSOLE_REPORTER_URL"));
            assertEquals("http://127.0.0.1:3/", env.get("INCIDENTOPS_CONSOLE_STATUS_PAGE_URL"));
            assertEquals("true", env.get("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_ENABLED"));
            assertEquals(security.privateKeyPath().toString(), env.get("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_PRIVATE_KEY_LOCATION"));
            assertEquals(security.publicKeyPath().toString(), env.get("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_PUBLIC_KEY_LOCATION"));
            assertTrue(DevSecurity.ALL_SERVICES.contains("incident-console"), "stack tokens are good for the console too");
        } finally {
            Files2.deleteRecursively(keys);
        }
    }
}
