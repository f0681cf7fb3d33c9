package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void envValuesAreShellSafe() {
        assertEquals("http://127.0.0.1:8081", LocalStack.shellQuote("http://127.0.0.1:8081"));
        assertEquals("eyJ.abc-_x", LocalStack.shellQuote("eyJ.abc-_x"));
        assertEquals("'/path with space/x'", LocalStack.shellQuote("/path with space/x"));
        assertEquals("'it'\"'\"'s'", LocalStack.shellQuote("it's"));
    }

    @Test
    void serviceContract() {
        assertEquals(List.of("incident-intake", "runbook-executor", "comms-service", "metrics-reporter"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::module).toList());
        assertEquals(List.of(8081, 8082, 8083, 8084),
                LocalStack.SERVICES.stream().map(LocalStack.Service::defaultPort).toList());
        assertEquals(List.of("INTAKE_URL", "EXECUTOR_URL", "COMMS_URL", "REPORTER_URL"),
                LocalStack.SERVICES.stream().map(LocalStack.Service::urlKey).toList());
    }
}
