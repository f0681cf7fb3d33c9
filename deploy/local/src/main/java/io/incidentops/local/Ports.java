package io.incidentops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on 127.0.0.1, never the well-known ones another program on the machine may own. */
final class Ports {

    private static final Set<Integer> AVOID = Set.of(5432, 8080, 8081, 8082, 8083, 8084, 9092, 9093);
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    static int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port", e);
            }
            if (!AVOID.contains(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free port");
    }

    /**
     * {@code preferred} (a kept stack's port of its previous run, which this JVM may have handed out itself) when
     * nobody listens on it, on loopback or on any address; else a free port.
     */
    static synchronized int reuseOrFree(int preferred) {
        if (preferred > 0 && isFree(preferred)) {
            HANDED_OUT.add(preferred);
            return preferred;
        }
        return free();
    }

    /** True when the port can be bound both on loopback and on the wildcard address. */
    static boolean isFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
