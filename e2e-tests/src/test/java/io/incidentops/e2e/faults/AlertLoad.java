package io.incidentops.e2e.faults;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Distinct firing alerts over {@code services} services, half as Alertmanager webhooks to every intake replica in turn,
 * half as generic alerts on the {@code alerts} topic, paced over {@code duration}. It keeps its own log of what was
 * stored: the fingerprint of every 2xx answer and of every record the broker acknowledged. A refused alert (429, 503,
 * no connection) is sent again, as Alertmanager would, until a deadline.
 */
final class AlertLoad {

    private static final int HTTP_SENDERS = 6;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final String tag;
    private final int services;
    private final List<String> intakeUrls;
    private final String integrationKey;
    private final String bootstrapServers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the callers were told: stored fingerprints, and every answer that was not a 2xx, by status. */
    final Set<String> stored = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    final Set<String> notStored = ConcurrentHashMap.newKeySet();

    AlertLoad(String tag, int services, List<String> intakeUrls, String integrationKey, String bootstrapServers) {
        this.tag = tag;
        this.services = services;
        this.intakeUrls = intakeUrls;
        this.integrationKey = integrationKey;
        this.bootstrapServers = bootstrapServers;
    }

    String service(int n) {
        return String.format("%s-s%02d", tag, n % services);
    }

    /** Routes the run's services to an escalation policy, so that their incidents page people. */
    void routeServicesTo(String policy, String adminToken) throws Exception {
        for (int n = 0; n < services; n++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(intakeUrls.get(0) + "/api/services"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"service\":{\"name\":\"" + service(n)
                            + "\",\"escalation_policy_id\":\"" + policy + "\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("service " + service(n) + ": " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** Sends {@code overHttp} alerts over HTTP and {@code overKafka} to the topic, both spread over {@code duration}. */
    void run(int overHttp, int overKafka, Duration duration) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(HTTP_SENDERS + 1);
        try {
            long pauseNanos = duration.toNanos() / Math.max(1, overHttp / HTTP_SENDERS);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int s = 0; s < HTTP_SENDERS; s++) {
                work.add(senders.submit(() -> {
                    for (int n = next.getAndIncrement(); n < overHttp; n = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        sendOverHttp(n);
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, pauseNanos - (System.nanoTime() - started)));
                    }
                    return null;
                }));
            }
            work.add(senders.submit(() -> {
                sendOverKafka(overKafka, duration);
                return null;
            }));
            for (Future<?> f : work) f.get();
        } finally {
            senders.shutdownNow();
        }
    }

    private void sendOverHttp(int n) throws InterruptedException {
        String fingerprint = tag + "-h" + n;
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; ; attempt++) {
            String url = intakeUrls.get((n + attempt) % intakeUrls.size()) + "/api/integrations/alertmanager";
            String outcome;
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + integrationKey)
                        .POST(HttpRequest.BodyPublishers.ofString(webhook(n, fingerprint))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() / 100 == 2) {
                    stored.add(fingerprint);
                    return;
                }
                outcome = Integer.toString(answer.statusCode());
            } catch (java.io.IOException e) {
                outcome = e.getClass().getSimpleName();
            }
            refusals.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
            if (System.nanoTime() > deadline) {
                notStored.add(fingerprint);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
        }
    }

    private String webhook(int n, String fingerprint) {
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"faults\",\"groupKey\":\"{}:{}\",\"alerts\":[{"
                + "\"status\":\"firing\",\"labels\":{\"alertname\":\"Fault" + n + "\",\"service\":\"" + service(n)
                + "\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"fault suite alert " + n + "\"},"
                + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"fingerprint\":\"" + fingerprint + "\"}]}";
    }

    /** The producer retries by itself through a broker restart; a record counts as stored once acknowledged. */
    private void sendOverKafka(int count, Duration duration) throws InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) GIVE_UP_AFTER.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) GIVE_UP_AFTER.toMillis());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long pauseNanos = duration.toNanos() / Math.max(1, count);
            for (int n = 0; n < count; n++) {
                String fingerprint = tag + "-k" + n;
                String alert = "{\"service\":\"" + service(n) + "\",\"summary\":\"fault suite record " + n + "\","
                        + "\"severity\":\"critical\",\"fingerprint\":\"" + fingerprint + "\"}";
                producer.send(new ProducerRecord<>("alerts", fingerprint, alert), (metadata, failure) -> {
                    if (failure == null) {
                        stored.add(fingerprint);
                    } else {
                        notStored.add(fingerprint);
                        refusals.computeIfAbsent("kafka:" + failure.getClass().getSimpleName(),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                });
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            }
            producer.flush();
        }
    }
}
