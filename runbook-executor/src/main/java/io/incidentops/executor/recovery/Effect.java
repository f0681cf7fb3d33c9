package io.incidentops.executor.recovery;

import io.incidentops.executor.metrics.EffectJudge;

/**
 * What a recovery check knows of the service's figures: whether they decide at all ({@code applies}: Prometheus
 * configured), and the verdict on the window when the worker judged it (null when it did not).
 */
public record Effect(boolean applies, EffectJudge.Verdict verdict) {

    /** Health alone decides (no Prometheus, or the incident names no service). */
    public static final Effect NONE = new Effect(false, null);
}
