package io.incidentops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
    final HttpClient http = HttpLoad.newClient();
    final HttpLoad load = new HttpLoad(http);
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

    /** The Alertmanager webhook route of intake, with the integration key as bearer (as Alertmanager sends it). */
    HttpRequest webhook(String body) {
        return HttpRequest.newBuilder(intake.resolve("/api/integrations/alertmanager"))
                .timeout(HttpLoad.TIMEOUT)
                .header("Authorization", "Bearer " + integrationKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
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
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(intake.resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            return parseCounter(r.body(), "incidentops_intake_alerts_total", "source=\"" + source + "\"");
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    /**
     * The sum of a counter's series whose labels match; 0 when the counter exists but has no such series yet (no alert
     * of that source so far), empty when intake has no such counter at all.
     */
    static Optional<Long> parseCounter(String prometheusText, String name, String labelMatch) {
        double sum = 0;
        boolean known = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + "{")) {
                known = true;
                if (line.contains(labelMatch)) {
                    String[] parts = line.trim().split("\\s+");
                    sum += Double.parseDouble(parts[parts.length - 1]);
                }
            }
        }
        return known ? Optional.of((long) sum) : Optional.empty();
    }

    /** A read-only connection to the stack's database. */
    Connection database() throws SQLException {
        Connection c = DriverManager.getConnection(env.require("JDBC_URL"),
                env.get("JDBC_USERNAME").orElse("postgres"), env.get("JDBC_PASSWORD").orElse("postgres"));
        c.setReadOnly(true);
        return c;
    }
}
