package io.incidentops.executor.runbook;

import io.incidentops.events.model.IncidentType;
import io.incidentops.executor.config.ExecutorConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The runbooks this service runs, loaded and validated once at startup (a broken file stops the start). */
@Startup
@ApplicationScoped
public class RunbookCatalog {

    private static final Logger LOG = Logger.getLogger(RunbookCatalog.class);

    @Inject
    ExecutorConfig config;

    private volatile Map<String, Runbook> byName = Map.of();
    private volatile RunbookSelector selector;

    @PostConstruct
    void load() {
        Map<String, Runbook> loaded = new LinkedHashMap<>();
        for (Runbook r : loadBundled(config.runbooks().bundled())) loaded.put(r.name(), r);
        config.runbooks().directory().ifPresent(dir -> {
            for (Runbook r : loadDirectory(Path.of(dir))) loaded.put(r.name(), r); // an operator's file replaces a bundled one
        });
        List<Runbook> all = new ArrayList<>(loaded.values());
        checkCalls(all, config.steps().calls().keySet());
        selector = new RunbookSelector(all);
        byName = Map.copyOf(loaded);
        LOG.infof("loaded %d runbooks: %s", all.size(), loaded.keySet());
    }

    /** The bundled runbooks ({@code runbooks/<name>.yaml} on the classpath); also used by unit tests. */
    public static List<Runbook> loadBundled(List<String> names) {
        List<Runbook> runbooks = new ArrayList<>();
        for (String name : names) {
            String resource = "runbooks/" + name.trim() + ".yaml";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new InvalidRunbookException(resource + ": not found");
                Runbook runbook = RunbookLoader.parse(resource, in);
                if (!runbook.name().equals(name.trim())) {
                    throw new InvalidRunbookException(resource + ": name '" + runbook.name() + "' differs from the file name");
                }
                runbooks.add(runbook);
            } catch (IOException e) {
                throw new InvalidRunbookException(resource + ": cannot read", e);
            }
        }
        RunbookLoader.validateCatalogue(runbooks);
        return runbooks;
    }

    static List<Runbook> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new InvalidRunbookException(dir + ": not a directory");
        try (Stream<Path> files = Files.list(dir)) {
            List<Runbook> runbooks = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    runbooks.add(RunbookLoader.parse(file.toString(), in));
                }
            }
            return runbooks;
        } catch (IOException e) {
            throw new InvalidRunbookException(dir + ": cannot read", e);
        }
    }

    /** A signed-http-call step must name a configured call: a runbook sending to nowhere stops the start. */
    static void checkCalls(List<Runbook> runbooks, Set<String> configured) {
        for (Runbook r : runbooks) {
            for (int i = 0; i < r.steps().size(); i++) {
                Runbook.Step s = r.steps().get(i);
                if (StepAction.SIGNED_HTTP_CALL.id().equals(s.action()) && !configured.contains(s.call())) {
                    throw new InvalidRunbookException("runbook " + r.name() + ": steps[" + i + "].call '" + s.call()
                            + "' is not configured (incidentops.executor.steps.calls.\"" + s.call() + "\".url)");
                }
            }
        }
    }

    public List<Runbook> all() {
        return byName.values().stream().sorted(Comparator.comparing(Runbook::name)).toList();
    }

    public Optional<Runbook> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Runbook select(IncidentType type, String text, boolean dependencyDown) {
        return selector.select(type, text, dependencyDown);
    }
}
