package io.incidentops.comms.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * The spans comms ended, in memory (Quarkus adds every {@link SpanProcessor} bean to its tracer provider; only sampled
 * spans reach it), and sampled trace contexts for a test to send events in.
 */
@Singleton
public class Traces {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanProcessor recorder() {
        return SimpleSpanProcessor.create(exporter);
    }

    /** The ended spans of this trace. */
    public List<SpanData> ended(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** The ended spans of this name in this trace. */
    public List<SpanData> ended(String traceId, String name) {
        return ended(traceId).stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** A trace id no other test uses. */
    public static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A caller's sampled W3C traceparent in that trace. */
    public static String sampled(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }
}
