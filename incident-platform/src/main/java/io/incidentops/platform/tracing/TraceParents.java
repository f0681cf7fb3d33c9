package io.incidentops.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The current trace context as a W3C {@code traceparent} value to store (an outbox row, a journal row), and back, through OpenTelemetry. */
public final class TraceParents {

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParents() {
    }

    /**
     * The {@code traceparent} of the current span, or null when no sampled span is current (an unsampled context
     * records nothing downstream either: the consumer starts its own, equally unsampled, root).
     */
    public static String current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isSampled()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names (a remote parent); empty if absent or malformed. */
    public static Optional<Context> toContext(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Context context = W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
        return Span.fromContext(context).getSpanContext().isValid() ? Optional.of(context) : Optional.empty();
    }
}
