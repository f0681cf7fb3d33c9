package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the local stack relies on across stop/start: the same rows, records, keys and ports. */
class LocalInfraKeepDataTest {

    @Test
    void keptRootComesBackWithItsRowsRecordsKeysAndPorts() throws Exception {
        Path root = Paths.get("target", "keep-data-test-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        LocalInfra.Options keep = new LocalInfra.Options(true, null, Paths.get("target", "embedded-pg-bin"),
                EmbeddedPostgresServer.Durability.FAST_UNSAFE, null);
        String jdbcUrl;
        String bootstrap;
        String integrationKey;
        String publicKey;
        try {
            try (LocalInfra first = LocalInfra.start(root, keep)) {
                jdbcUrl = first.jdbcUrl();
                bootstrap = first.bootstrapServers();
                integrationKey = first.integrationKey();
                publicKey = first.security().publicKeyBase64();
                execute(first, "create table kept (v text)", "insert into kept values ('row-1')");
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("kept", "k", "record-1")).get();
                }
            }
            try (LocalInfra second = LocalInfra.start(root, keep)) {
                assertEquals(jdbcUrl, second.jdbcUrl(), "a free port of the previous run is used again");
                assertEquals(bootstrap, second.bootstrapServers());
                assertEquals(integrationKey, second.integrationKey());
                assertEquals(publicKey, second.security().publicKeyBase64());
                try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select v from kept")) {
                    rs.next();
                    assertEquals("row-1", rs.getString(1));
                }
                assertEquals(List.of("record-1"), records(second.bootstrapServers(), "kept"));
            }
        } finally {
            Files2.deleteRecursively(root);
        }
    }

    private static void execute(LocalInfra infra, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static List<String> records(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "keep-data-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 60 && values.isEmpty(); i++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
