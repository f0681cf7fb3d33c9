package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The figures of one run: a JSON document (everything) and a Markdown table (the headline figures). */
final class Report {

    /** One line of the table: IncidentOps' figure, Alertmanager's or Kafka's beside it, and issue #7's target. */
    record Row(String workload, String metric, String incidentops, String peer, String ratio, String target,
               String met) {
    }

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> workloads = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void put(String key, Object value) {
        json.put(key, value);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String key) {
        return (Map<String, Object>) json.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    void workload(String key, Map<String, Object> result) {
        workloads.put(key, result);
    }

    void row(String workload, String metric, String incidentops, String peer, String ratio, String target,
            String met) {
        rows.add(new Row(workload, metric, incidentops, peer == null ? "" : peer, ratio == null ? "" : ratio,
                target == null ? "" : target, met == null ? "" : met));
        System.out.printf("[bench] %-4s %-40s %-22s %-22s %-8s %s%n", workload, metric, incidentops,
                peer == null ? "" : peer, ratio == null ? "" : ratio, met == null ? "" : "target " + met);
    }

    void skip(String what) {
        skipped.add(what);
        System.out.println("[bench] skipped: " + what);
    }

    void note(String what) {
        notes.add(what);
        System.out.println("[bench] note: " + what);
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>(json);
        doc.put("workloads", workloads);
        doc.put("table", rows);
        doc.put("skipped", skipped);
        doc.put("notes", notes);
        return doc;
    }

    /** Writes {@code <name>.json} and {@code <name>.md} into {@code dir}; returns the Markdown file. */
    Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(dir.resolve(name + ".json").toFile(), document());
        Path md = dir.resolve(name + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    @SuppressWarnings("unchecked")
    String markdown() {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> commit = (Map<String, Object>) json.getOrDefault("commit", Map.of());
        Map<String, Object> machine = (Map<String, Object>) json.getOrDefault("machine", Map.of());
        Map<String, Object> fsync = (Map<String, Object>) json.getOrDefault("fsync", Map.of());
        Map<String, Object> stack = (Map<String, Object>) json.getOrDefault("stack", Map.of());
        sb.append("# IncidentOps benchmark, ").append(json.get("startedAt")).append("\n\n");
        sb.append("- commit: `").append(commit.get("short")).append("` ").append(commit.get("subject"))
                .append(Boolean.TRUE.equals(commit.get("dirty")) ? " (with uncommitted changes)" : "").append('\n');
        sb.append("- machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu"))
                .append("), ").append(machine.get("memoryGb")).append(" GB, kernel ").append(machine.get("kernel"))
                .append(", ").append(machine.get("java")).append(", load at start ")
                .append(machine.get("loadAverageAtStart")).append('\n');
        sb.append("- fsync: ");
        if (fsync.containsKey("fdatasyncMicros")) {
            sb.append(fsync.get("fdatasyncMicros")).append(" µs per 8 kB write + fdatasync (")
                    .append(fsync.get("fdatasyncOpsPerSecond")).append(" ops/s, pg_test_fsync)");
        } else {
            sb.append("not measured: ").append(fsync.getOrDefault("skipped", "?"));
        }
        sb.append('\n');
        sb.append("- stack PostgreSQL: ").append(stack.getOrDefault("postgres", "?")).append('\n');
        Map<String, Object> generators = (Map<String, Object>) json.getOrDefault("loadGenerators", Map.of());
        if (!generators.isEmpty()) {
            sb.append("- load generators: ");
            generators.forEach((k, v) -> sb.append(k).append(": ").append(v).append("; "));
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        sb.append("- options: ").append(json.get("options")).append("\n\n");
        sb.append("| workload | metric | IncidentOps | peer | ratio | target (issue #7) | met |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(String.join(" | ", cell(r.workload()), cell(r.metric()), cell(r.incidentops()),
                    cell(r.peer()), cell(r.ratio()), cell(r.target()), cell(r.met()))).append(" |\n");
        }
        if (!skipped.isEmpty()) {
            sb.append("\nSkipped:\n");
            skipped.forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n");
            notes.forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        sb.append("\nEverything else (status codes, errors, outcomes, RSS, CPU, lag) is in the JSON file beside this ")
                .append("one.\n");
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    static String ratio(double ours, double theirs) {
        if (theirs <= 0 || Double.isNaN(ours) || Double.isNaN(theirs)) {
            return "";
        }
        return String.format("%.2fx", ours / theirs);
    }

    static String met(boolean ok) {
        return ok ? "yes" : "no";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 100) {
            return String.format("%,.0f", v);
        }
        return String.format("%.1f", v);
    }

    static String ms(Double v) {
        return v == null ? "-" : String.format(v >= 100 ? "%.0f" : "%.1f", v);
    }
}
