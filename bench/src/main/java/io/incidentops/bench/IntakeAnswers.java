package io.incidentops.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What intake answered to each alert of a webhook ({@code results[].outcome}: declared, attached, ignored; and the
 * incident ID): how many incidents a storm of alerts declared, and which incident each alert landed in.
 */
final class IntakeAnswers implements HttpLoad.AnswerSink {

    /** Told of each alert that declared an incident, with its request's intended send time. */
    interface DeclaredListener {
        void declared(String incidentId, long intendedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder unreadable = new LongAdder();
    private final Set<String> incidents = ConcurrentHashMap.newKeySet();
    private final DeclaredListener listener;

    IntakeAnswers() {
        this(null);
    }

    IntakeAnswers(DeclaredListener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(long seq, int status, String body, long intendedNanos, long doneNanos) {
        if (status / 100 != 2 || body == null) {
            return;
        }
        try {
            JsonNode results = JSON.readTree(body).path("results");
            if (!results.isArray()) {
                unreadable.increment();
                return;
            }
            for (JsonNode r : results) {
                String outcome = r.path("outcome").asText("?");
                outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                String incidentId = r.path("incidentId").asText(null);
                if (incidentId != null) {
                    incidents.add(incidentId);
                    if (listener != null && "declared".equals(outcome)) {
                        listener.declared(incidentId, intendedNanos);
                    }
                }
            }
        } catch (Exception e) {
            unreadable.increment();
        }
    }

    long count(String outcome) {
        LongAdder a = outcomes.get(outcome);
        return a == null ? 0 : a.sum();
    }

    /** For the results: outcome → count, the distinct incidents named in the answers, unreadable answers. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.put(e.getKey(), e.getValue().sum()));
        m.put("incidentsNamed", (long) incidents.size());
        if (unreadable.sum() > 0) {
            m.put("unreadableAnswers", unreadable.sum());
        }
        return m;
    }
}
