package io.incidentops.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded infrastructure's own logging down to warnings.
 *
 * <p>Kafka and zonky log through SLF4J. Inside a Quarkus test JVM (and in {@link LocalStack}) SLF4J is bound to the
 * JBoss LogManager ({@code slf4j-jboss-logmanager}); when the JBoss LogManager is installed as the JUL manager both
 * views are the same loggers. The levels are set on both the JUL logger and the JBoss {@code LogContext} logger, and
 * the logger objects are kept in a static list so that their levels are not lost to garbage collection.
 */
final class QuietLogging {

    /** Categories whose INFO output floods a test run. */
    static final List<String> INFRA_CATEGORIES = List.of(
            "kafka",
            "org.apache.kafka",
            "state.change.logger",
            "org.apache.zookeeper",
            "io.zonky",
            "org.apache.commons.beanutils",
            "com.yammer.metrics");

    private static final List<Object> PINNED = new CopyOnWriteArrayList<>();

    private QuietLogging() {
    }

    /**
     * Broker-side categories that log benign warnings on every start and stop (controller activation on an empty
     * metadata log, ...): errors only.
     */
    static final List<String> BROKER_CATEGORIES = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.server",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot");

    /**
     * Default: warnings (errors for the broker internals). The system property {@value #LEVEL_PROPERTY}
     * ({@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}) sets one level for all of them, e.g. to debug a
     * broker problem in a test run.
     */
    static void quietInfra() {
        Level override = configuredLevel();
        for (String category : INFRA_CATEGORIES) {
            setLevel(category, override != null ? override : Level.WARNING);
        }
        for (String category : BROKER_CATEGORIES) {
            setLevel(category, override != null ? override : Level.SEVERE);
        }
    }

    static final String LEVEL_PROPERTY = "incidentops.infra.log.level";

    static Level configuredLevel() {
        String value = System.getProperty(LEVEL_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE":
            case "ALL":
                return Level.FINEST;
            case "DEBUG":
                return Level.FINE;
            case "INFO":
                return Level.INFO;
            case "ERROR":
                return Level.SEVERE;
            default:
                return Level.WARNING;
        }
    }

    /** While the broker shuts down its internal clients warn about already-closed connections. */
    static void quietBrokerShutdown() {
        if (configuredLevel() == null) {
            setLevel("org.apache.kafka.clients.NetworkClient", Level.SEVERE);
        }
    }

    static void setLevel(String category, Level level) {
        Logger jul = Logger.getLogger(category);
        jul.setLevel(level);
        PINNED.add(jul);
        try {
            org.jboss.logmanager.Logger jboss = org.jboss.logmanager.LogContext.getLogContext().getLogger(category);
            jboss.setLevel(level);
            PINNED.add(jboss);
        } catch (LinkageError absent) {
            // no JBoss LogManager on the class path: SLF4J then has no JBoss binding either
        }
    }
}
