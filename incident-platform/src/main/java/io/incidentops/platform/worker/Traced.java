package io.incidentops.platform.worker;

/**
 * A claimed item that keeps the W3C {@code traceparent} of the work that created it (null: none), so the
 * {@link ClaimWorker} works it in a span of that trace. A record with a {@code traceparent} component implements it
 * by saying so.
 */
public interface Traced {

    String traceparent();
}
