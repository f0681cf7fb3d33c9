package io.incidentops.local;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.utils.Exit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code main} of the broker JVM that {@link KafkaBrokerProcess} starts: the same {@link EmbeddedKafka}, data kept,
 * on the given ports, until SIGTERM. Its own process, so that the local stack can kill and restart the broker alone.
 *
 * <pre>KafkaBrokerMain DATA_DIR PORT CONTROLLER_PORT</pre>
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        // Ctrl-C on a foreground stack reaches the whole process group: the launcher stops the services first and
        // then this broker with SIGTERM, so the services do not spend their shutdown reconnecting to it
        Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        Path dataDir = Paths.get(args[0]);
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, true, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Map.of());
        // alone in its JVM, a broker that hits a fatal error should exit as a real one does, not linger half dead
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "incidentops-broker-stop"));
        System.out.println("[kafka] ready on " + kafka.bootstrapServers() + " (cluster " + kafka.clusterId() + ")");
        System.out.flush();
        stopped.await();
    }
}
