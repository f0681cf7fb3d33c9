package io.incidentops.executor.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTextTest {

    @Test
    void withoutPrometheusTheFiguresAreUnknownAndSaturationSaysWhy() {
        MetricsSnapshot none = MetricsSnapshot.notConfigured("checkout");
        assertThat(MetricsText.errorRate(none)).isNull();
        assertThat(MetricsText.latency(none)).isNull();
        assertThat(MetricsText.saturation(none)).isEqualTo("metrics not configured (no Prometheus URL)");
    }

    @Test
    void anUnreadableErrorRateIsUnknownNotNoData() {
        Reading failed = new Reading("q", null, Reading.FAILED, null, null, null, "Prometheus: connection refused");
        MetricsSnapshot snapshot = new MetricsSnapshot(true, "checkout", Instant.EPOCH, Instant.EPOCH, List.of(
                new MetricsSnapshot.FigureReading("error-rate", "error rate", Figure.Unit.RATIO, failed, failed, failed)));
        assertThat(MetricsText.errorRate(snapshot)).isNull();
    }

    @Test
    void units() {
        assertThat(MetricsText.format(Figure.Unit.RATIO, 0.00012)).isEqualTo("0.012 %");
        assertThat(MetricsText.format(Figure.Unit.RATIO, 0)).isEqualTo("0 %");
        assertThat(MetricsText.format(Figure.Unit.SECONDS, 2.1)).isEqualTo("2.10 s");
        assertThat(MetricsText.format(Figure.Unit.BYTES, 3L << 30)).isEqualTo("3.00 GiB");
    }

    @Test
    void serviceNamesAreQuotedAsPromQLStrings() {
        assertThat(MetricQueries.quoted("a\"}) or vector(1) #\\")).isEqualTo("\"a\\\"}) or vector(1) #\\\\\"");
    }
}
