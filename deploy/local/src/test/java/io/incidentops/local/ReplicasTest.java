package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplicasTest {

    static final List<LocalStack.Service> SERVICES = LocalStack.SERVICES;

    @Test
    void oneCountForEveryService() {
        assertEquals(List.of(2, 2, 2, 2, 2), counts(Replicas.parse("2", SERVICES)));
    }

    @Test
    void countsPerServiceByShortNameTheRestOne() {
        assertEquals(List.of(3, 1, 2, 1, 1), counts(Replicas.parse("intake=3,comms=2", SERVICES)));
        assertEquals(List.of(3, 2, 2, 2, 2), counts(Replicas.parse("2, intake=3", SERVICES)));
        assertEquals(List.of(1, 1, 1, 1, 2), counts(Replicas.parse("console=2", SERVICES)));
    }

    @Test
    void rejectsUnknownServicesAndCountsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("incident-intake=2", SERVICES));
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("0", SERVICES));
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("intake=10", SERVICES));
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("intake=two", SERVICES));
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("", SERVICES));
    }

    private static List<Integer> counts(Map<LocalStack.Service, Integer> replicas) {
        return SERVICES.stream().map(replicas::get).toList();
    }
}
