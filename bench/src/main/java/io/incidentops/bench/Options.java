package io.incidentops.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Command line of {@code bench/run.sh}; see {@link #USAGE}. */
record Options(Path repoRoot, Path envFile, Path resultsDir, Path workDir, int seconds, int warmupSeconds,
               Set<Character> only, int connections, int services, int batch, int dedupAlerts, int rate,
               int rateConnections, int eventWaitSeconds, int kafkaBacklog, int kafkaDrainSeconds, int perfRecords,
               int stormAlerts, int stormMaxSeconds, int settleSeconds, boolean alertmanager, boolean fsyncTest,
               Load load) {

    /** The load generator of the closed loops (a), (b), (c); (e) and (f) always run on the Java one. */
    enum Load {
        /** wrk where it is installed, else Java */
        AUTO,
        /** wrk, or fail */
        WRK,
        /** the Java generator ({@link HttpLoad}: one blocking keep-alive socket per connection) */
        JAVA
    }

    static final String ALL = "abcdef";

    static final String USAGE = """
            usage: bench/run.sh [options]     (against a running deploy/local/stack.sh start --detach)

              --seconds N            measured seconds of (a), (b), (c), (e) and each side (default 20)
              --only a,c             workloads to run (default a,b,c,d,e,f)
              --connections N        connections of (a), (b), (c), (f) (default 8)
              --warmup N             unmeasured seconds before (a), (b), (c), each side (default 20: the services'
                                 JVMs compile their hot path in the first tens of seconds; 2 shows a cold stack),
                                 and before (e), at most 10 s there, on repeats of one alert (the generator's own)
              --services N           services the alerts are spread over (default 50)
              --batch N              alerts per request in (b) and (f) (default 50)
              --dedup-alerts N       distinct alerts re-sent in (c) (default 10)
              --rate N               alerts/s of (e) (default 1000)
              --rate-connections N   connections of (e) (default 64)
              --event-wait N         (e): seconds to wait for status-page / paged events after sending (default 30)
              --kafka-backlog N      (d): records pre-filled on the alerts topic per variant (default 50000)
              --kafka-drain-seconds N  (d): longest wait for intake to drain it (default max(2 x seconds, 30));
                                     what is left then is deleted from the topic, and the rate is what was drained
              --perf-records N       (d): records of Kafka's ProducerPerformance (default max(100000, 25000 x seconds))
              --storm-alerts N       (f): alerts of the storm (default 100000)
              --storm-max-seconds N  (f): stop sending after this long (default 900)
              --settle-seconds N     longest wait before each workload for consumers to catch up (default 60)
              --load wrk|java|auto   load generator of (a), (b), (c), both sides (default auto: wrk where
                                     /usr/bin/wrk is installed, else Java); (e) and (f) always run on Java
              --no-alertmanager      do not run Alertmanager side by side even where it is installed
              --no-fsync-test        do not run pg_test_fsync
              --env FILE             stack.env to read (default deploy/local/target/stack.env)
              --results DIR          where figures go (default bench/results)
            """;

    static Options parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean alertmanager = true;
        boolean fsync = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-alertmanager" -> alertmanager = false;
                case "--no-fsync-test" -> fsync = false;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (!a.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument: " + a);
                    }
                    String key = a.substring(2);
                    String value;
                    int eq = key.indexOf('=');
                    if (eq > 0) {
                        value = key.substring(eq + 1);
                        key = key.substring(0, eq);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    v.put(key, value);
                }
            }
        }
        Path root = Path.of(v.getOrDefault("repo-root", ".")).toAbsolutePath().normalize();
        int seconds = num(v, "seconds", 20);
        Set<Character> only = new TreeSet<>();
        for (char c : v.getOrDefault("only", ALL).replace(",", "").replace(" ", "").toCharArray()) {
            if (ALL.indexOf(c) < 0) {
                throw new IllegalArgumentException("--only: no workload '" + c + "' (a to f)");
            }
            only.add(c);
        }
        Options o = new Options(root,
                path(root, v.get("env"), "deploy/local/target/stack.env"),
                path(root, v.get("results"), "bench/results"),
                root.resolve("bench/target"),
                seconds, num(v, "warmup", 20), only, num(v, "connections", 8), num(v, "services", 50),
                num(v, "batch", 50), num(v, "dedup-alerts", 10), num(v, "rate", 1000), num(v, "rate-connections", 64),
                num(v, "event-wait", 30), num(v, "kafka-backlog", 50_000),
                num(v, "kafka-drain-seconds", Math.max(2 * seconds, 30)),
                num(v, "perf-records", Math.max(100_000, 25_000 * seconds)), num(v, "storm-alerts", 100_000),
                num(v, "storm-max-seconds", 900), num(v, "settle-seconds", 60), alertmanager, fsync,
                load(v.getOrDefault("load", "auto")));
        v.keySet().removeAll(Set.of("repo-root", "env", "results", "seconds", "warmup", "only", "connections",
                "load", "services", "batch", "dedup-alerts", "rate", "rate-connections", "event-wait", "kafka-backlog",
                "kafka-drain-seconds", "perf-records", "storm-alerts", "storm-max-seconds", "settle-seconds"));
        if (!v.isEmpty()) {
            throw new IllegalArgumentException("unknown option: --" + v.keySet().iterator().next());
        }
        return o;
    }

    boolean runs(char workload) {
        return only.contains(workload);
    }

    /** For the results file: what was asked for. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        m.put("warmupSeconds", warmupSeconds);
        m.put("only", only.stream().map(String::valueOf).reduce("", String::concat));
        m.put("connections", connections);
        m.put("services", services);
        m.put("batch", batch);
        m.put("dedupAlerts", dedupAlerts);
        m.put("rate", rate);
        m.put("rateConnections", rateConnections);
        m.put("kafkaBacklog", kafkaBacklog);
        m.put("kafkaDrainSeconds", kafkaDrainSeconds);
        m.put("perfRecords", perfRecords);
        m.put("stormAlerts", stormAlerts);
        m.put("stormMaxSeconds", stormMaxSeconds);
        m.put("load", load.name().toLowerCase(Locale.ROOT));
        return m;
    }

    private static Load load(String s) {
        try {
            return Load.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--load needs wrk, java or auto, not '" + s + "'");
        }
    }

    private static int num(Map<String, String> v, String key, int dflt) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s.replace("_", ""));
            if (n < 0 || (n == 0 && !key.equals("warmup"))) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a positive whole number, not '" + s + "'");
        }
    }

    /** A path given on the command line is relative to the working directory, a default to the repository. */
    private static Path path(Path root, String given, String dflt) {
        return (given != null ? Path.of(given) : root.resolve(dflt)).toAbsolutePath().normalize();
    }
}
