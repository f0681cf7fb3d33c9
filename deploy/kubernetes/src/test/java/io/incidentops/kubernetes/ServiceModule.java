package io.incidentops.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service as its own configuration describes it: the platform's shared defaults
 * ({@code incident-platform/.../microprofile-config.properties}) overridden by the service's
 * {@code application.properties}, production profile. The manifests are checked against this, so a new channel,
 * topic or port in a service shows up here without touching the test.
 */
record ServiceModule(String module, String applicationName, int httpPort, String schema,
                     Map<String, Set<String>> topicOperations, Set<String> consumerGroups,
                     Map<String, String> groupByTopic) {

    /** The four services, by module directory (= quarkus.application.name = Deployment name). */
    static final List<String> MODULES = List.of("incident-intake", "runbook-executor", "comms-service", "metrics-reporter");
    /** The responders' console: deployed like the services, but with no database schema of its own. */
    static final String CONSOLE = "incident-console";

    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    static List<ServiceModule> all() {
        return MODULES.stream().map(ServiceModule::load).toList();
    }

    /** The four services and the console: every Deployment of ours, for what they all share. */
    static List<ServiceModule> withConsole() {
        return java.util.stream.Stream.concat(MODULES.stream(), java.util.stream.Stream.of(CONSOLE))
                .map(ServiceModule::load).toList();
    }

    static ServiceModule named(String module) {
        return load(module);
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("incidentops.root");
        Path root = configured != null ? Path.of(configured) : Overlay.kubernetesDir().resolve("../..").normalize();
        if (!Files.isRegularFile(root.resolve("incident-platform/pom.xml"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    private static ServiceModule load(String module) {
        Path root = repositoryRoot();
        Map<String, String> config = new TreeMap<>();
        if (!module.equals(CONSOLE)) { // the console does not build on incident-platform (no outbox, no dead letters)
            read(root.resolve("incident-platform/src/main/resources/META-INF/microprofile-config.properties"), config);
        }
        read(root.resolve(module).resolve("src/main/resources/application.properties"), config);
        String name = require(config, "quarkus.application.name", module);
        config.replaceAll((k, v) -> v.replace("${quarkus.application.name}", name));

        Map<String, Map<String, String>> channels = new TreeMap<>();
        config.forEach((key, value) -> {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (m.matches()) {
                channels.computeIfAbsent(m.group(1) + " " + m.group(2), c -> new TreeMap<>()).put(m.group(3), value);
            }
        });
        Map<String, Set<String>> operations = new TreeMap<>();
        Set<String> groups = new TreeSet<>();
        Map<String, String> groupByTopic = new TreeMap<>();
        channels.forEach((directionAndName, attributes) -> {
            if (!"smallrye-kafka".equals(attributes.get("connector")) || "false".equals(attributes.get("enabled"))) {
                return;
            }
            String channel = directionAndName.substring(directionAndName.indexOf(' ') + 1);
            String topic = attributes.getOrDefault("topic", channel);
            if (directionAndName.startsWith("incoming")) {
                operations.computeIfAbsent(topic, t -> new TreeSet<>()).add("Read");
                String group = attributes.getOrDefault("group.id", name);
                groups.add(group);
                groupByTopic.put(topic, group);
                if ("dead-letter-queue".equals(attributes.get("failure-strategy"))) {
                    String dlq = attributes.getOrDefault("dead-letter-queue.topic", "dead-letter-topic-" + channel);
                    operations.computeIfAbsent(dlq, t -> new TreeSet<>()).add("Write");
                }
            } else {
                operations.computeIfAbsent(topic, t -> new TreeSet<>()).add("Write");
            }
        });
        String schema = module.equals(CONSOLE) ? null : require(config, "incidentops.schema", module);
        return new ServiceModule(module, name, Integer.parseInt(require(config, "quarkus.http.port", module)),
                schema, operations, groups, groupByTopic);
    }

    private static void read(Path file, Map<String, String> into) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        // %test. and %dev. keys are not production settings
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> into.put(k, properties.getProperty(k)));
    }

    private static String require(Map<String, String> config, String key, String module) {
        String value = config.get(key);
        if (value == null) {
            throw new IllegalStateException(module + " does not set " + key);
        }
        return value;
    }

    /**
     * The Kafka ACLs the service needs, as "type name operation" strings: Read (and Describe) on what it consumes,
     * Write (and Describe) on what it produces, including the dead-letter topics, Read on its consumer groups.
     */
    Set<String> expectedAcls() {
        Set<String> acls = new TreeSet<>();
        topicOperations.forEach((topic, ops) -> {
            ops.forEach(op -> acls.add("topic " + topic + " " + op));
            acls.add("topic " + topic + " Describe");
        });
        consumerGroups.forEach(g -> acls.add("group " + g + " Read"));
        return acls;
    }

    Set<String> topics() {
        return topicOperations.keySet();
    }
}
