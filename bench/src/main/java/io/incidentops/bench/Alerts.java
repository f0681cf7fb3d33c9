package io.incidentops.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
 * JSON array of its {@code POST /api/v2/alerts} for Alertmanager itself. {@link #template} cuts the same bodies into
 * pieces for a load generator that builds them itself (wrk, {@link WrkScript}), so their shape has one definition.
 */
final class Alerts {

    /** Alertmanager's webhook encodes a firing alert's end as Go's zero time. */
    static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    /** What separates label names and values in a fingerprint's input (Prometheus' {@code model.SeparatorByte}). */
    private static final byte SEPARATOR = (byte) 0xff;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Stand-ins written where a {@link BodyTemplate}'s holes go; plain ASCII, so JSON escaping leaves them alone. */
    private static final String NUMBER_MARK = "@@NUMBER@@";
    private static final String FINGERPRINT_MARK = "@@FINGERPRINT@@";

    private static final String WEBHOOK_CLOSE = "]}";
    private static final String API_OPEN = "[";
    private static final String API_CLOSE = "]";
    private static final String SEPARATOR_OF_ALERTS = ",";

    private final String prefix;
    private final int services;
    private final String startsAt;
    private final String endsAt;

    /** One alert's labels, annotations and fingerprint. */
    record Alert(long number, String service, Map<String, String> labels, Map<String, String> annotations,
                 String fingerprint) {
    }

    /** The two bodies this class writes. */
    enum Body { WEBHOOK, ALERTMANAGER_API }

    /** What a {@link BodyTemplate} leaves open in an alert: its number (in decimal) and its fingerprint. */
    enum Hole { NUMBER, FINGERPRINT }

    /**
     * The body of a request carrying {@code perRequest} consecutive alerts (numbers {@code n .. n + perRequest - 1}),
     * cut into pieces around what changes from one alert number to the next. Pieces are UTF-8 bytes ({@code byte[]})
     * or a {@link Hole}; lists are indexed by service ({@code number % services}):
     * body = {@code opens[n % services]}, then for each alert {@code m} (joined by {@code separator})
     * {@code alerts[m % services]} with NUMBER = m and FINGERPRINT = the 16 hex digits of FNV-1a 64 over
     * {@code fingerprintInputs[m % services]} with NUMBER = m, then {@code close}. {@link #render} is the reference;
     * wrk's Lua ({@link WrkScript}) does the same.
     */
    record BodyTemplate(int services, int perRequest, List<byte[]> opens, byte[] separator, byte[] close,
                        List<List<Object>> alerts, List<List<Object>> fingerprintInputs) {

        /** The body whose first alert is {@code first}, as the load generator must build it. */
        String render(long first) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(opens.get((int) (first % services)));
            for (long m = first; m < first + perRequest; m++) {
                if (m > first) {
                    out.writeBytes(separator);
                }
                int s = (int) (m % services);
                byte[] number = Long.toString(m).getBytes(StandardCharsets.UTF_8);
                for (Object piece : alerts.get(s)) {
                    if (piece == Hole.NUMBER) {
                        out.writeBytes(number);
                    } else if (piece == Hole.FINGERPRINT) {
                        out.writeBytes(hex(fnv(fill(fingerprintInputs.get(s), number))).getBytes(
                                StandardCharsets.UTF_8));
                    } else {
                        out.writeBytes((byte[]) piece);
                    }
                }
            }
            out.writeBytes(close);
            return out.toString(StandardCharsets.UTF_8);
        }

        private static byte[] fill(List<Object> pieces, byte[] number) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object piece : pieces) {
                out.writeBytes(piece == Hole.NUMBER ? number : (byte[]) piece);
            }
            return out.toByteArray();
        }
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
        return alert(number, Long.toString(number));
    }

    /** Alert {@code number}, its instance label naming {@code numberText} (the number, or a template's mark). */
    private Alert alert(long number, String numberText) {
        long svc = number % services;
        String service = service(number);
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", "HighErrorRate");
        labels.put("service", service);
        labels.put("team", svc % 2 == 0 ? "platform" : "payments");
        labels.put("severity", "critical");
        labels.put("instance", "i-" + numberText);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", "Error rate above 5% on " + service);
        return new Alert(number, service, labels, annotations, fingerprint(labels));
    }

    /**
     * Alertmanager's own (Prometheus' {@code LabelSet.Fingerprint}): FNV-1a 64 over the label names and values in
     * name order, each followed by the byte 0xff; 16 hex digits.
     */
    static String fingerprint(Map<String, String> labels) {
        return hex(fnv(fingerprintInput(labels)));
    }

    private static byte[] fingerprintInput(Map<String, String> labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(labels).forEach((k, v) -> {
            out.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            out.write(SEPARATOR);
            out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            out.write(SEPARATOR);
        });
        return out.toByteArray();
    }

    static long fnv(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static String hex(long h) {
        return String.format("%016x", h);
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
        return write(Body.WEBHOOK, alerts, description);
    }

    /** Alertmanager's {@code POST /api/v2/alerts} body: what Prometheus sends it for the same alerts. */
    String alertmanagerApi(List<Alert> alerts) {
        return write(Body.ALERTMANAGER_API, alerts);
    }

    /** The {@code body} carrying these alerts. */
    String write(Body body, List<Alert> alerts) {
        return write(body, alerts, null);
    }

    private String write(Body body, List<Alert> alerts, String description) {
        StringBuilder sb = new StringBuilder(256 + alerts.size() * 400);
        open(sb, body, alerts);
        for (int i = 0; i < alerts.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR_OF_ALERTS);
            }
            alert(sb, body, alerts.get(i), description);
        }
        return sb.append(body == Body.WEBHOOK ? WEBHOOK_CLOSE : API_CLOSE).toString();
    }

    /** The webhook's group (the service all {@code alerts} share, or none) and the start of its alerts; or "[". */
    private static void open(StringBuilder sb, Body body, List<Alert> alerts) {
        if (body == Body.ALERTMANAGER_API) {
            sb.append(API_OPEN);
            return;
        }
        String groupService = alerts.stream().map(Alert::service).distinct().count() == 1 ? alerts.get(0).service()
                : null;
        sb.append("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"incidentops\",\"groupKey\":");
        str(sb, groupService == null ? "{}:{}" : "{}:{service=\"" + groupService + "\"}");
        sb.append(",\"truncatedAlerts\":0,\"groupLabels\":");
        map(sb, groupService == null ? Map.of() : Map.of("service", groupService));
        sb.append(",\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.bench.invalid\"");
        sb.append(",\"alerts\":[");
    }

    /** One alert: the webhook's (status, Go's zero end, fingerprint) or the API's (its own end, no fingerprint). */
    private void alert(StringBuilder sb, Body body, Alert a, String description) {
        boolean hook = body == Body.WEBHOOK;
        sb.append(hook ? "{\"status\":\"firing\",\"labels\":" : "{\"labels\":");
        map(sb, a.labels());
        sb.append(",\"annotations\":");
        annotations(sb, a, description);
        sb.append(",\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"").append(hook ? GO_ZERO_TIME : endsAt)
                .append("\",\"generatorURL\":");
        str(sb, generatorUrl(a));
        if (hook) {
            sb.append(",\"fingerprint\":\"").append(a.fingerprint()).append('"');
        }
        sb.append('}');
    }

    /**
     * The {@code body} of {@code perRequest} consecutive alerts as a {@link BodyTemplate}: each service's alert
     * written once with marks where its number and fingerprint go, then cut at the marks.
     */
    BodyTemplate template(Body body, int perRequest) {
        List<byte[]> opens = new ArrayList<>();
        List<List<Object>> alertPieces = new ArrayList<>();
        List<List<Object>> fingerprintPieces = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            StringBuilder open = new StringBuilder();
            open(open, body, alerts(s, perRequest));
            opens.add(utf8(open.toString()));
            Alert marked = alert(s, NUMBER_MARK);
            fingerprintPieces.add(cut(fingerprintInput(marked.labels())));
            marked = new Alert(s, marked.service(), marked.labels(), marked.annotations(), FINGERPRINT_MARK);
            StringBuilder one = new StringBuilder();
            alert(one, body, marked, null);
            alertPieces.add(cut(utf8(one.toString())));
        }
        return new BodyTemplate(services, perRequest, opens, utf8(SEPARATOR_OF_ALERTS),
                utf8(body == Body.WEBHOOK ? WEBHOOK_CLOSE : API_CLOSE), alertPieces, fingerprintPieces);
    }

    /** {@code text} cut at the marks: literal pieces ({@code byte[]}, never empty) and {@link Hole}s. */
    static List<Object> cut(byte[] text) {
        List<Object> pieces = new ArrayList<>();
        byte[] number = utf8(NUMBER_MARK);
        byte[] fingerprint = utf8(FINGERPRINT_MARK);
        int from = 0;
        for (int i = 0; i < text.length; i++) {
            Hole hole = startsWith(text, i, number) ? Hole.NUMBER
                    : startsWith(text, i, fingerprint) ? Hole.FINGERPRINT : null;
            if (hole != null) {
                if (i > from) {
                    pieces.add(Arrays.copyOfRange(text, from, i));
                }
                pieces.add(hole);
                i += (hole == Hole.NUMBER ? number : fingerprint).length - 1;
                from = i + 1;
            }
        }
        if (from < text.length) {
            pieces.add(Arrays.copyOfRange(text, from, text.length));
        }
        return pieces;
    }

    private static boolean startsWith(byte[] text, int at, byte[] mark) {
        return at + mark.length <= text.length && Arrays.equals(text, at, at + mark.length, mark, 0, mark.length);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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
