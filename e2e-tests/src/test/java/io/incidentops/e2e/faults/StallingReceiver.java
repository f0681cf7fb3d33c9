package io.incidentops.e2e.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a raw socket (a framework would finish the response): it answers {@code 200} with a body, or,
 * while {@link #stall(boolean) stalling}, sends the status and headers of a 100-byte body and then nothing for a minute,
 * the way a hung proxy does. It counts every request by its Standard Webhooks {@code webhook-id}.
 */
final class StallingReceiver implements AutoCloseable {

    private static final long STALL_MILLIS = 60_000;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stalling-receiver");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stalling;
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final AtomicInteger stalled = new AtomicInteger();

    StallingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks";
    }

    void stall(boolean on) {
        stalling = on;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> answer(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String id = null;
            int length = 0;
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("webhook-id:")) id = line.substring(11).trim();
                if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            }
            in.readNBytes(length);
            if (id != null) received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            OutputStream out = socket.getOutputStream();
            if (stalling) {
                stalled.incrementAndGet();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(STALL_MILLIS);
            } else {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the sender gave up on a stalled answer: what a deadline is for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') return line.toString(StandardCharsets.US_ASCII).stripTrailing();
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
