package io.incidentops.cli.tail;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Reads the {@code text/event-stream} format (WHATWG HTML, "Server-sent events"): {@code field: value} lines, an
 * empty line dispatches, {@code :} lines are comments (the console's keep-alive), {@code retry:} sets the reconnection
 * delay. Line ends: LF, CRLF or CR ({@link BufferedReader#readLine} takes all three).
 */
final class SseReader {

    private final BufferedReader in;
    private final Runnable onActivity;
    private long retryMillis = -1;

    /** @param onActivity told of every line, comments included (the idle watchdog's heartbeat) */
    SseReader(BufferedReader in, Runnable onActivity) {
        this.in = in;
        this.onActivity = onActivity;
    }

    /** The next event with data, or null at the end of the stream. */
    ServerSentEvent next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            onActivity.run();
            if (line.isEmpty()) {
                if (data != null) {
                    return new ServerSentEvent(id, event == null ? "message" : event, data.toString());
                }
                id = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value.contains("\0") ? id : value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "retry" -> {
                    if (value.matches("\\d{1,9}")) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> {
                    // unknown fields are ignored, as the format requires
                }
            }
        }
        return null;
    }

    /** The delay the server last asked for ({@code retry:}), if it did. */
    OptionalLong retryMillis() {
        return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
    }
}
