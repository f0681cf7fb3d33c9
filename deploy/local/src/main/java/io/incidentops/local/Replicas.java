package io.incidentops.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many replicas of each service the local stack runs: {@code --replicas 2} (every service),
 * {@code --replicas intake=3,comms=2} (those, the rest one), or both ({@code 2,intake=3}). Services are named by their
 * short names: intake, executor, comms, reporter, console (each console replica reads every partition itself).
 */
final class Replicas {

    static final int MAX = 9;

    private Replicas() {
    }

    /** One replica of each service. */
    static Map<LocalStack.Service, Integer> single(List<LocalStack.Service> services) {
        return parse("1", services);
    }

    static Map<LocalStack.Service, Integer> parse(String spec, List<LocalStack.Service> services) {
        Map<LocalStack.Service, Integer> counts = new LinkedHashMap<>();
        services.forEach(s -> counts.put(s, 1));
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--replicas needs a count (2) or counts per service (intake=3,comms=2)");
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", -1);
            if (kv.length == 1) {
                int n = count(kv[0], part);
                services.forEach(s -> counts.put(s, n));
            } else if (kv.length == 2) {
                LocalStack.Service service = services.stream().filter(s -> s.shortName().equals(kv[0].trim()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("--replicas: unknown service '"
                                + kv[0].trim() + "' (one of " + services.stream().map(LocalStack.Service::shortName)
                                        .toList() + ")"));
                counts.put(service, count(kv[1], part));
            } else {
                throw new IllegalArgumentException("--replicas: cannot read '" + part + "'");
            }
        }
        return counts;
    }

    private static int count(String value, String part) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--replicas: '" + part + "' needs a count from 1 to " + MAX);
    }
}
