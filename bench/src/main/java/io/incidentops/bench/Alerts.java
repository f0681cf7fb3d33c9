package io.incidentops.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts of one workload, as Prometheus would fire them: {@code HighErrorRate} on one instance of one of
 * {@code services} services ({@code bench-<run>-<workload>-NN}, so workloads and runs never share an incident), severity
 * {@code critical} (a P1: paged, on the public status page). The same alert number always gives the same labels and
 * fingerprint; alert number {@code n} and {@code n + services} belong to the same service.
 *
 * <p>Bodies are written by hand (no JSON library in the load loop): Alertmanager's webhook v4 for intake, and the
 * JSON array of its {@code POST /api/v2/alerts} for Alertmanager itself.
 */
final class Alerts {

    /** Alertmanager's webhook encodes a firing alert's end as Go's zero time. */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String prefix;
    private final int services;
    private final String startsAt;
    private final String endsAt;

    /** One alert's labels, annotations and fingerprint. */
    record Alert(long number, String service, Map<String, String> labels, Map<String, String> annotations,
                 String fingerprint) {
    }

    /**
     * @param runTag   short tag of this benchmark run
     * @param workload the workload's letter (or a short name)
     * @param services how many services the alerts are spread over
     * @param now      when the run started: alerts started a minute earlier; for Alertmanager's API they are valid
     *                 for an hour (Prometheus sends a firing alert's {@code endsAt} a few evaluation intervals ahead)
     */
    Alerts(String runTag, String workload, int services, Instant now) {
        this.prefix = "bench-" + runTag + "-" + workload + "-";
        this.services = services;
        this.startsAt = now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        this.endsAt = now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** SQL {@code LIKE} pattern of this workload's service names. */
    String serviceLikePattern() {
        return prefix + "%";
    }

    int services() {
        return services;
    }

    String service(long number) {
        return prefix + String.format("%02d", number % services);
    }

    Alert alert(long number) {
        long svc = number % services;
        String service = service(number);
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", "HighErrorRate");
        labels.put("service", service);
        labels.put("team", svc % 2 == 0 ? "platform" : "payments");
        labels.put("severity", "critical");
        labels.put("instance", "i-" + number);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", "Error rate above 5% on " + service);
        return new Alert(number, service, labels, annotations, fingerprint(labels));
    }

    /** Like Alertmanager's: a 64-bit hash of the sorted label set, 16 hex digits. */
    static String fingerprint(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> sb.append(k).append('\u00ff').append(v).append('\u00ff'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Alert> alerts(long first, int count) {
        List<Alert> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(alert(first + i));
        }
        return out;
    }

    /** Alertmanager webhook v4, the way Alertmanager's webhook receiver posts a group. */
    String webhook(List<Alert> alerts) {
        return webhook(alerts, null);
    }

    /** As {@link #webhook(List)}, with an extra {@code description} annotation on every alert (to pad records). */
    String webhook(List<Alert> alerts, String description) {
        StringBuilder sb = new StringBuilder(256 + alerts.size() * 400);
        String groupService = alerts.stream().map(Alert::service).distinct().count() == 1 ? alerts.get(0).service() : null;
        sb.append("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"incidentops\",\"groupKey\":");
        str(sb, groupService == null ? "{}:{}" : "{}:{service=\"" + groupService + "\"}");
        sb.append(",\"truncatedAlerts\":0,\"groupLabels\":");
        map(sb, groupService == null ? Map.of() : Map.of("service", groupService));
        sb.append(",\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.bench.invalid\"");
        sb.append(",\"alerts\":[");
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"status\":\"firing\",\"labels\":");
            map(sb, a.labels());
            sb.append(",\"annotations\":");
            annotations(sb, a, description);
            sb.append(",\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"").append(GO_ZERO_TIME)
                    .append("\",\"generatorURL\":");
            str(sb, generatorUrl(a));
            sb.append(",\"fingerprint\":\"").append(a.fingerprint()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** Alertmanager's {@code POST /api/v2/alerts} body: what Prometheus sends it for the same alerts. */
    String alertmanagerApi(List<Alert> alerts) {
        StringBuilder sb = new StringBuilder(16 + alerts.size() * 350);
        sb.append('[');
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"labels\":");
            map(sb, a.labels());
            sb.append(",\"annotations\":");
            annotations(sb, a, null);
            sb.append(",\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"").append(endsAt)
                    .append("\",\"generatorURL\":");
            str(sb, generatorUrl(a));
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /** A webhook body with one alert, padded with a description to exactly {@code size} bytes of UTF-8. */
    String paddedRecord(Alert alert, int size) {
        String bare = webhook(List.of(alert), "");
        int missing = size - bare.getBytes(StandardCharsets.UTF_8).length;
        if (missing < 0) {
            throw new IllegalArgumentException("an alert takes " + bare.length() + " bytes, more than " + size);
        }
        return webhook(List.of(alert), "x".repeat(missing));
    }

    private static String generatorUrl(Alert a) {
        return "http://prometheus.bench.invalid/graph?g0.expr=job%3A" + a.service() + "%3Aerror_rate%3E0.05";
    }

    private static void annotations(StringBuilder sb, Alert a, String description) {
        if (description == null) {
            map(sb, a.annotations());
            return;
        }
        Map<String, String> withDescription = new TreeMap<>(a.annotations());
        withDescription.put("description", description);
        map(sb, withDescription);
    }

    private static void map(StringBuilder sb, Map<String, String> m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            str(sb, e.getKey());
            sb.append(':');
            str(sb, e.getValue());
        }
        sb.append('}');
    }

    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
