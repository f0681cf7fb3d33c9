package io.incidentops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What every workload needs: the options, the stack's addresses and keys, the report, the HTTP client. */
final class Ctx {

    final Options options;
    final StackEnv env;
    final Report report;
    final String runTag;
    final URI intake;
    final String integrationKey;
    final String adminToken;
    final String kafkaBootstrap;
    final Long intakePid;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final HttpLoad load = new HttpLoad();
    final KafkaOps kafka;

    private static final ObjectMapper JSON = new ObjectMapper();

    Ctx(Options options, StackEnv env, Report report, String runTag) {
        this.options = options;
        this.env = env;
        this.report = report;
        this.runTag = runTag;
        this.intake = URI.create(env.require("INTAKE_URL"));
        this.integrationKey = env.require("INTEGRATION_KEY");
        this.adminToken = env.require("ADMIN_TOKEN");
        this.kafkaBootstrap = env.require("KAFKA_BOOTSTRAP");
        this.intakePid = ProcWatch.intakePid(env).orElse(null);
        this.kafka = new KafkaOps(kafkaBootstrap);
    }

    Path workDir() {
        return options.workDir();
    }

    Duration seconds() {
        return Duration.ofSeconds(options.seconds());
    }

    Duration warmup() {
        return Duration.ofSeconds(options.warmupSeconds());
    }

    ProcWatch watchIntake() {
        return new ProcWatch(intakePid);
    }

    /** The Alertmanager webhook route of intake. */
    URI webhookUri() {
        return intake.resolve("/api/integrations/alertmanager");
    }

    /** The headers of a webhook call: the integration key as bearer (as Alertmanager sends it), JSON. */
    Map<String, String> webhookHeaders() {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Authorization", "Bearer " + integrationKey);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /**
     * A call of the Alertmanager webhook route of intake carrying {@code alerts} alerts, answered once they are
     * durable (as Alertmanager's), for the load generator.
     */
    RawHttp.Request webhook(String body, int alerts) {
        return RawHttp.Request.post(webhookUri(), webhookHeaders(), body, alerts);
    }

    /** The same, answered once its alerts are applied to their incidents ({@code Prefer: return=representation}). */
    HttpRequest webhookApplied(String body) {
        return webhookBuilder(body).header("Prefer", "return=representation").build();
    }

    private HttpRequest.Builder webhookBuilder(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(webhookUri()).timeout(HttpLoad.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        webhookHeaders().forEach(b::header);
        return b;
    }

    /** Waits for the pipeline to drain what earlier workloads left; notes what it could not wait for. */
    Map<String, Long> settle(String before) {
        try {
            long t0 = System.nanoTime();
            Map<String, Long> lag = kafka.settle(options.settleSeconds());
            long left = KafkaOps.total(lag);
            if (left > 0) {
                report.note("before " + before + ": consumer groups still had " + left + " records to process after "
                        + options.settleSeconds() + " s of waiting " + lag + " (the run starts on a busy stack)");
            } else if ((System.nanoTime() - t0) > 2_000_000_000L) {
                System.out.printf("[bench] waited %.0f s for the pipeline to settle before %s%n",
                        (System.nanoTime() - t0) / 1e9, before);
            }
            return lag;
        } catch (Exception e) {
            report.note("before " + before + ": could not read consumer lag: " + e);
            return Map.of();
        }
    }

    /** Incidents intake holds ({@code GET /api/incidents?size=1} → total), if it answers. */
    Optional<Long> incidentTotal() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(intake.resolve("/api/incidents?size=1"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + adminToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(r.body()).path("total").asLong());
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    /**
     * Sum of intake's {@code incidentops_intake_alerts_total} counter for one {@code source} tag (from
     * {@code /q/metrics}): alerts processed, counted as they are, unlike committed consumer offsets.
     */
    Optional<Long> alertsCounted(String source) {
        return alertOutcomes(source).map(m -> m.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The same counter by its {@code outcome} tag (declared, attached, ignored...). */
    Optional<Map<String, Long>> alertOutcomes(String source) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(intake.resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            return parseCounter(r.body(), "incidentops_intake_alerts_total", "source=\"" + source + "\"", "outcome");
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    /**
     * A counter's series whose labels match, summed by the value of label {@code by}; no entry when the counter exists
     * but has no such series yet (no alert of that source so far), empty when intake has no such counter at all.
     */
    static Optional<Map<String, Long>> parseCounter(String prometheusText, String name, String labelMatch, String by) {
        Map<String, Long> sums = new TreeMap<>();
        Pattern byLabel = Pattern.compile("[{,]" + Pattern.quote(by) + "=\"([^\"]*)\"");
        boolean known = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + "{")) {
                known = true;
                if (line.contains(labelMatch)) {
                    // the value follows the label set; an exemplar may follow it ("# {trace_id=...} 1.0 <timestamp>")
                    String value = line.substring(line.indexOf('}') + 1).trim().split("\\s+")[0];
                    Matcher m = byLabel.matcher(line);
                    sums.merge(m.find() ? m.group(1) : "", (long) Double.parseDouble(value), Long::sum);
                }
            }
        }
        return known ? Optional.of(sums) : Optional.empty();
    }

    /** Incidents in intake's schema whose service matches an SQL {@code LIKE} pattern (a workload's services). */
    Optional<Long> incidentsInDatabase(String servicePattern) {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(StormWorkload.INCIDENTS_SQL)) {
            ps.setString(1, servicePattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1));
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** A read-only connection to the stack's database. */
    Connection database() throws SQLException {
        Connection c = DriverManager.getConnection(env.require("JDBC_URL"),
                env.get("JDBC_USERNAME").orElse("postgres"), env.get("JDBC_PASSWORD").orElse("postgres"));
        c.setReadOnly(true);
        return c;
    }
}
