package io.incidentops.intake.oncall.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.incidentops.intake.oncall.OncallConfig;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.intake.oncall.schedule.Schedules;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.transaction.AdvisoryLocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies the declarative on-call file ({@link OncallFile}, {@code incidentops.oncall.file.path}) for GitOps: at start
 * and whenever its content changes, every entry is created or replaced by its id, all in one transaction (a file with
 * one bad entry changes nothing and is reported with the entry it failed on). Entries removed from the file are left
 * as they are (delete them through the API): a truncated file must not unpage a team. Replicas apply it under one
 * advisory lock, so two never create the same entry at once; applying an unchanged file again changes nothing.
 * <p>
 * A bad file at start fails the start (a rolling update stops at the first pod, the old ones keep paging); a bad file
 * later is logged and counted ({@code incidentops.intake.oncall.file.rejected}) and the last good one stays in force.
 */
@ApplicationScoped
public class OncallFileLoader {

    private static final Logger LOG = Logger.getLogger(OncallFileLoader.class);

    /** What became of one reading of the file. */
    public enum Result { APPLIED, UNCHANGED, MISSING }

    @Inject
    OncallConfig config;

    @Inject
    Users users;

    @Inject
    Schedules schedules;

    @Inject
    Policies policies;

    @Inject
    AdvisoryLocks locks;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    private ObjectMapper yaml;
    private volatile String appliedDigest;

    void start(@Observes StartupEvent event) throws IOException {
        // the service's own JSON settings (java.time, ...) with a YAML parser; typos are errors, not silently ignored
        yaml = json.copyWith(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (config.file().path().isPresent()) {
            applyIfChanged(config.file().path().get());
        }
    }

    @Scheduled(identity = "oncall-file", every = "${incidentops.oncall.file.check-interval:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        if (config.file().path().isEmpty()) return;
        try {
            applyIfChanged(config.file().path().get());
        } catch (IOException | RuntimeException e) {
            meters.counter("incidentops.intake.oncall.file.rejected").increment();
            LOG.errorf("on-call file %s not applied, the last good one stays in force: %s", config.file().path().get(),
                    e.getMessage());
        }
    }

    /**
     * Applies the file when its content differs from the last one applied by this process.
     *
     * @throws InvalidInputException naming the entry and field that is wrong; nothing was changed
     * @throws IOException           when the file cannot be read or parsed
     */
    public Result applyIfChanged(Path path) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            LOG.warnf("on-call file %s does not exist (yet): nothing applied", path);
            return Result.MISSING;
        }
        String digest = sha256(content);
        if (digest.equals(appliedDigest)) return Result.UNCHANGED;
        OncallFile read;
        try {
            read = yaml.readValue(content, OncallFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException("on-call file " + path + " is not valid: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        OncallFile file = read != null ? read : new OncallFile(null, null, null, null); // a YAML null: nothing
        QuarkusTransaction.requiringNew().run(() -> apply(file));
        appliedDigest = digest;
        LOG.infof("on-call file %s applied: %d users, %d schedules, %d escalation policies, %d services", path,
                OncallFile.orEmpty(file.users()).size(), OncallFile.orEmpty(file.schedules()).size(),
                OncallFile.orEmpty(file.escalationPolicies()).size(), OncallFile.orEmpty(file.services()).size());
        return Result.APPLIED;
    }

    /** Users first, then what refers to them: schedules, policies, services. */
    private void apply(OncallFile file) {
        locks.lock("oncall-file");
        upsert("users", file.users(), Users.UserInput::id,
                in -> users.find(in.id()).isPresent(), in -> users.replace(in.id(), in), users::create);
        upsert("schedules", file.schedules(), Schedules.ScheduleInput::id,
                in -> schedules.find(in.id()).isPresent(), in -> schedules.replace(in.id(), in), schedules::create);
        upsert("escalation_policies", file.escalationPolicies(), Policies.PolicyInput::id,
                in -> policies.find(in.id()).isPresent(), in -> policies.replace(in.id(), in), policies::create);
        // mapping a service replaces its earlier mapping: the same call either way
        Function<OncallFile.Service, Object> map = in -> policies.mapService(in.name(), in.escalationPolicyId());
        upsert("services", file.services(), OncallFile.Service::name, in -> true, map, map);
    }

    private <T> void upsert(String list, List<T> entries, Function<T, String> id, Predicate<T> exists,
                            Function<T, ?> replace, Function<T, ?> create) {
        List<T> all = OncallFile.orEmpty(entries);
        for (int n = 0; n < all.size(); n++) {
            T entry = all.get(n);
            String where = list + "[" + n + "]";
            if (entry == null || id.apply(entry) == null || id.apply(entry).isBlank()) {
                // without an id each reload would create another one
                throw new InvalidInputException(where + (list.equals("services") ? ".name" : ".id"),
                        "is required in the on-call file");
            }
            try {
                (exists.test(entry) ? replace : create).apply(entry);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + " (" + id.apply(entry) + ")", e.getMessage());
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
