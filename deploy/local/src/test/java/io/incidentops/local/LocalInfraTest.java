package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    static LocalInfra infra;

    @BeforeAll
    static void startInfra() {
        infra = LocalInfra.shared();
        System.out.printf("embedded infra up: PostgreSQL %d ms, Kafka %d ms, total %d ms (%s)%n",
                infra.postgresStartup().toMillis(), infra.kafkaStartup().toMillis(), infra.totalStartup().toMillis(),
                infra);
    }

    @Test
    void recordRoundTripsThroughTheBroker() throws Exception {
        String topic = "local-infra-test-" + UUID.randomUUID();
        String value = "hello-" + UUID.randomUUID();

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, "INC-20250101-001", value)).get();
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        String received = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 120 && received == null; i++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    received = r.value();
                }
            }
            assertEquals(3, consumer.partitionsFor(topic).size(), "num.partitions=3 for auto-created topics");
        }
        assertEquals(value, received);
    }

    @Test
    void postgresAnswersAndAcceptsDdl() throws Exception {
        assertTrue(infra.jdbcUrl().matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/incidentops"), infra.jdbcUrl());
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            st.execute("create schema if not exists local_infra_test");
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from information_schema.schemata where schema_name = ?")) {
                ps.setString(1, "local_infra_test");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
            }
            try (ResultSet rs = st.executeQuery("select current_database(), current_user")) {
                assertTrue(rs.next());
                assertEquals("incidentops", rs.getString(1));
                assertEquals("postgres", rs.getString(2));
            }
        }
    }

    @Test
    void sharedTestInstanceKeepsTheFastSettings() throws Exception {
        assertEquals(EmbeddedPostgresServer.Durability.FAST_UNSAFE, infra.postgres().orElseThrow().durability());
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
                Statement st = c.createStatement()) {
            assertEquals("off", LocalStackTest.show(st, "fsync"));
            assertEquals("off", LocalStackTest.show(st, "synchronous_commit"));
            assertEquals("off", LocalStackTest.show(st, "full_page_writes"));
        }
    }

    @Test
    void tokenVerifiesWithThePublicKeyAndCarriesTheRoles() throws Exception {
        String token = infra.security().token("alice", Set.of("responder", "commander"), Duration.ofHours(1));
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(DevSecurity.load(infra.security().directory()).publicKey())
                .setExpectedIssuer("incidentops")
                .setExpectedAudience("metrics-reporter")
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals("alice", claims.getStringClaimValue("upn"));
        assertEquals("alice", claims.getSubject());
        assertEquals(Set.of("responder", "commander"), Set.copyOf(claims.getStringListClaimValue("groups")));
        // every service checks that its own name is among the audiences
        assertEquals(DevSecurity.ALL_SERVICES, Set.copyOf(claims.getAudience()));
        String forOne = infra.security().token("bob", Set.of("viewer"), Set.of("comms-service"), Duration.ofHours(1));
        assertEquals(List.of("comms-service"), consumerFor("comms-service").processToClaims(forOne).getAudience());
        assertThrows(InvalidJwtException.class, () -> consumerFor("incident-intake").processToClaims(forOne));

        String pem = Files.readString(infra.security().publicKeyPath());
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        assertTrue(Files.readString(infra.security().privateKeyPath()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    private JwtConsumer consumerFor(String audience) {
        return new JwtConsumerBuilder().setVerificationKey(infra.security().publicKey())
                .setExpectedIssuer("incidentops").setExpectedAudience(audience).build();
    }

    @Test
    void integrationKeyAndQuarkusConfig() {
        String key = infra.integrationKey();
        assertTrue(key.matches("[a-z0-9]{32}"), key);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DevSecurity.sha256Hex("abc"));

        Map<String, String> config = LocalInfra.shared().quarkusConfig();
        assertEquals(infra.bootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals(infra.jdbcUrl(), config.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgres", config.get("quarkus.datasource.username"));
        assertEquals("postgres", config.get("quarkus.datasource.password"));
        assertEquals("incidentops", config.get("mp.jwt.verify.issuer"));
        assertTrue(Files.isRegularFile(Path.of(config.get("mp.jwt.verify.publickey.location"))));
        assertTrue(Files.isRegularFile(Path.of(config.get("smallrye.jwt.sign.key.location"))));
        assertEquals(DevSecurity.sha256Hex(key), config.get("incidentops.security.integration-keys.local"));

        // another class loader would attach to the same instance through the description file
        LocalInfra view = LocalInfra.attach(infra.root());
        assertEquals(config, view.quarkusConfig());
    }
}
