package io.incidentops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Lua script wrk runs for one side of (a), (b) or (c): a table {@code P} with the request's method, path,
 * headers, the alert numbering and the pieces of {@link Alerts.BodyTemplate}, followed by the request loop
 * ({@code wrk-alerts.lua} beside this class), which builds every body from those pieces and writes wrk's figures to
 * {@code out} as JSON.
 *
 * @param pool 0: distinct alerts ({@code template.perRequest()} per request); n > 0: the alerts 0 .. n - 1, one per
 *             request, over and over
 */
record WrkScript(String path, Map<String, String> headers, int threads, int pool, Alerts.BodyTemplate template,
                 Path out) {

    static final String LOOP_RESOURCE = "wrk-alerts.lua";

    String lua() {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("-- written by bench/ (WrkScript) for one side of one workload; the request loop below it is ")
                .append(LOOP_RESOURCE).append("\n");
        sb.append("local NUMBER, FINGERPRINT = {}, {}\n");
        sb.append("local P = {\n");
        sb.append("  method = \"POST\",\n");
        sb.append("  path = ").append(literal(path)).append(",\n");
        sb.append("  headers = {");
        headers.forEach((k, v) -> sb.append(" [").append(literal(k)).append("] = ").append(literal(v)).append(','));
        sb.append(" },\n");
        sb.append("  threads = ").append(threads).append(", per = ").append(template.perRequest())
                .append(", pool = ").append(pool).append(", services = ").append(template.services()).append(",\n");
        sb.append("  out = ").append(literal(out.toString())).append(",\n");
        sb.append("  opens = {\n");
        template.opens().forEach(o -> sb.append("    ").append(literal(o)).append(",\n"));
        sb.append("  },\n");
        sb.append("  separator = ").append(literal(template.separator())).append(",\n");
        sb.append("  close = ").append(literal(template.close())).append(",\n");
        pieces(sb, "alerts", template.alerts());
        pieces(sb, "fingerprints", template.fingerprintInputs());
        sb.append("}\n\n");
        sb.append(loop());
        return sb.toString();
    }

    private static void pieces(StringBuilder sb, String name, List<List<Object>> perService) {
        sb.append("  ").append(name).append(" = {\n");
        for (List<Object> pieces : perService) {
            sb.append("    {");
            for (Object p : pieces) {
                sb.append(' ').append(p instanceof Alerts.Hole h ? h.name() : literal((byte[]) p)).append(',');
            }
            sb.append(" },\n");
        }
        sb.append("  },\n");
    }

    static String literal(String s) {
        return literal(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A Lua string literal of these bytes: printable ASCII as it is, anything else as a 3-digit {@code \ddd}. */
    static String literal(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append('\\').append(String.format("%03d", c));
            }
        }
        return sb.append('"').toString();
    }

    private static String loop() {
        try (InputStream in = WrkScript.class.getResourceAsStream(LOOP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LOOP_RESOURCE + " is missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
