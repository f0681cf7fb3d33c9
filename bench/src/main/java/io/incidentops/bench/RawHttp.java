package io.incidentops.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, as wrk keeps one per connection: a request is written as
 * prepared bytes and its answer read back (status, body). A load generator must cost far less than what it measures:
 * the JDK's {@code HttpClient} took more CPU per request than intake itself, and on two cores its send lag became
 * the latency (e) reported. Not thread-safe: one per generator thread.
 */
final class RawHttp implements AutoCloseable {

    /** A request as bytes on the wire, and how many alerts it carries. */
    record Request(URI uri, byte[] wire, int alerts) {

        static Request post(URI uri, Map<String, String> headers, String body, int alerts) {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append("POST ").append(pathOf(uri)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] wire = new byte[h.length + payload.length];
            System.arraycopy(h, 0, wire, 0, h.length);
            System.arraycopy(payload, 0, wire, h.length, payload.length);
            return new Request(uri, wire, alerts);
        }

        private static String pathOf(URI uri) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    record Response(int status, String body) {
    }

    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private URI connectedTo;

    RawHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /** Sends the request and reads its answer; a closed or broken connection is reopened for the next call. */
    Response exchange(Request request) throws IOException {
        try {
            connect(request.uri());
            out.write(request.wire());
            out.flush();
            return read();
        } catch (SocketTimeoutException e) {
            close();
            throw new IOException("timeout after " + timeout.toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect(URI uri) throws IOException {
        if (socket != null && uri.getHost().equals(connectedTo.getHost()) && uri.getPort() == connectedTo.getPort()) {
            return;
        }
        close();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        s.setSoTimeout((int) timeout.toMillis());
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
        connectedTo = uri;
    }

    private Response read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = parts[0].equals("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, 1 << 20) : 256);
        if (chunked) {
            for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                copy(size, body);
                line(); // the CRLF after each chunk
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            in.transferTo(body); // no length: the body ends with the connection
            closes = true;
        }
        if (closes) close();
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) throw new IOException("connection closed in the middle of an answer");
            to.write(buf, 0, r);
            n -= r;
        }
    }

    /** One header line, without its CRLF (ISO-8859-1, as HTTP/1.1 heads are). */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed by the server");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing to do
        }
        socket = null;
        in = null;
        out = null;
    }
}
