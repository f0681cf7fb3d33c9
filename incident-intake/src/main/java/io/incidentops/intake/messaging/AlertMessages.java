package io.incidentops.intake.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One record of the {@code alerts} topic: an Alertmanager webhook body (an object with an {@code alerts} array and a
 * {@code version}) or a generic alert. Same rules as over HTTP; invalid input becomes a {@link PoisonRecordException}.
 * Database trouble is retried ({@link AlertsConsumer}); only what no retry can fix goes to the DLQ.
 */
@ApplicationScoped
public class AlertMessages {

    private static final Logger LOG = Logger.getLogger(AlertMessages.class);
    static final String SOURCE = "kafka";
    private static final Integration TOPIC = Integration.alertsTopic();
    /** Below this many records a poll is parsed on the consumer's thread alone: splitting it costs more than it saves. */
    private static final int PARALLEL_FROM = 64;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @Inject
    AlertDeadLetters deadLetters;

    @Inject
    IntakeConfig config;

    /**
     * The records of one poll: the valid ones handed to intake (the writer commits them together), each invalid one
     * dead-lettered with the reason. Returns once every valid record is committed; the caller retries a poll that
     * failed (a retry re-submits it: records already committed count as repeats). Records are parsed in
     * parallel (the CPU-bound part of a repeat's way: JSON, validation, normalising) and submitted in their order, so
     * an alert's firing and resolved notices keep theirs: consecutive records as one submission (up to a writer
     * batch), except one that chooses its incident ID, alone, so that an ID already taken dead-letters that record
     * and no other.
     */
    public void process(List<ConsumerRecord<String, String>> records) {
        List<Parsed> parsed = (records.size() < PARALLEL_FROM ? records.stream() : records.parallelStream())
                .map(this::tryParse).toList();
        List<Submitted> submitted = new ArrayList<>();
        List<Alert> run = new ArrayList<>();
        for (int n = 0; n < records.size(); n++) {
            Parsed p = parsed.get(n);
            if (p.poison() != null) {
                deadLetters.send(records.get(n), p.poison().getMessage());
            } else if (choosesIncidentId(p.alerts())) {
                run = submitRun(run, submitted);
                submitted.add(new Submitted(records.get(n), ingest.submitScoped(p.alerts())));
            } else {
                run.addAll(p.alerts());
                // a writer transaction takes a submission whole: runs as large as one of its batches
                if (run.size() >= config.writer().maxBatchAlerts()) run = submitRun(run, submitted);
            }
        }
        submitRun(run, submitted);
        for (Submitted s : submitted) {
            try {
                ingest.await(s.commit());
            } catch (ConflictException e) {
                if (s.record() == null) throw e; // only an ID a record chose can be taken
                deadLetters.send(s.record(), e.getMessage());
            }
        }
    }

    /** A submission: of one record that chose its incident ID, or of a run of records ({@code record} null). */
    private record Submitted(ConsumerRecord<String, String> record,
                             CompletableFuture<List<AlertIntake.Outcome>> commit) {
    }

    /** Submits the run, if any; returns the list for the next one (the submitted list is the writer's now). */
    private List<Alert> submitRun(List<Alert> run, List<Submitted> submitted) {
        if (run.isEmpty()) return run;
        submitted.add(new Submitted(null, ingest.submitScoped(run)));
        return new ArrayList<>();
    }

    private static boolean choosesIncidentId(List<Alert> alerts) {
        for (Alert a : alerts) {
            if (a.requestedId() != null) return true;
        }
        return false;
    }

    /** A record's alerts, or why it is poison. */
    private record Parsed(List<Alert> alerts, PoisonRecordException poison) {
    }

    /** A record's alerts, scoped by the topic's integration (an incident ID it may not choose makes it poison). */
    private Parsed tryParse(ConsumerRecord<String, String> record) {
        try {
            return new Parsed(TOPIC.scoped(parse(record.value())), null);
        } catch (PoisonRecordException e) {
            return new Parsed(null, e);
        } catch (InvalidInputException e) {
            return new Parsed(null, new PoisonRecordException("invalid alert: " + e.getMessage(), e));
        }
    }

    List<Alert> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("empty alert record");
        }
        try {
            JsonNode tree = mapper.readTree(value);
            if (tree == null || !tree.isObject()) {
                throw new PoisonRecordException("an alert record must be a JSON object");
            }
            if (tree.has("alerts") && tree.get("alerts").isArray() && tree.has("version")) {
                AlertmanagerWebhook hook = mapper.treeToValue(tree, AlertmanagerWebhook.class);
                validate(hook);
                if (!AlertmanagerWebhook.SUPPORTED_VERSION.equals(hook.version())) {
                    throw new PoisonRecordException("version: unsupported Alertmanager webhook version '"
                            + hook.version() + "', expected \"4\"");
                }
                return normalizer.fromAlertmanager(hook, SOURCE);
            }
            GenericAlert generic = mapper.treeToValue(tree, GenericAlert.class);
            validate(generic);
            return List.of(normalizer.fromGeneric(generic, SOURCE));
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not a valid alert: " + e.getOriginalMessage(), e);
        } catch (InvalidInputException e) {
            throw new PoisonRecordException("invalid alert: " + e.getMessage(), e);
        }
    }

    private <T> void validate(T object) {
        Set<ConstraintViolation<T>> violations = validator.validate(object);
        if (!violations.isEmpty()) {
            String reason = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            LOG.debugf("invalid alert record: %s", reason);
            throw new PoisonRecordException("invalid alert: " + reason);
        }
    }
}
