package io.incidentops.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What intake answered to each alert of a webhook ({@code results[].outcome}: queued (durable, not yet applied),
 * declared, attached, ignored; the incident ID once applied; the dedup key): how the alerts of a run were answered.
 */
final class IntakeAnswers implements HttpLoad.AnswerSink {

    /** Told of each alert answered, by dedup key, with its request's intended send time. */
    interface AnsweredListener {
        void answered(String dedupKey, long intendedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder unreadable = new LongAdder();
    private final Set<String> incidents = ConcurrentHashMap.newKeySet();
    private final AnsweredListener listener;

    IntakeAnswers() {
        this(null);
    }

    IntakeAnswers(AnsweredListener listener) {
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
                }
                String dedupKey = r.path("dedupKey").asText(null);
                if (listener != null && dedupKey != null) {
                    listener.answered(dedupKey, intendedNanos);
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
