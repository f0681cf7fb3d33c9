package io.incidentops.intake.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import io.incidentops.intake.alerts.grafana.GrafanaWebhook;
import io.incidentops.intake.alerts.opsgenie.OpsgenieActionRecord;
import io.incidentops.intake.alerts.opsgenie.OpsgenieAlertAction;
import io.incidentops.intake.alerts.opsgenie.OpsgenieCreateAlert;
import io.incidentops.intake.alerts.pagerduty.PagerDutyEvent;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.declaration.AlertActions;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One record of the {@code alerts} topic, in any accepted format ({@link RecordFormat}: generic, Alertmanager v4,
 * Grafana, PagerDuty Events v2, Opsgenie create or close/acknowledge). Same rules as over HTTP, except that no
 * credential is needed (Kafka's ACLs authenticate the producers); invalid input becomes a
 * {@link PoisonRecordException}. Database trouble is retried ({@link AlertsConsumer}); only what no retry can fix goes
 * to the DLQ. A record belongs to the integration its {@value #INTEGRATION_HEADER} header names, else {@value #SOURCE}.
 */
@ApplicationScoped
public class AlertMessages {

    private static final Logger LOG = Logger.getLogger(AlertMessages.class);
    static final String SOURCE = "kafka";
    /** The Kafka header naming the integration a record comes from (absent or blank: {@value #SOURCE}). */
    public static final String INTEGRATION_HEADER = "incidentops-integration";
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
    AlertActions actions;

    @Inject
    Clock clock;

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
            } else if (p.record().action() != null) {
                // after the records before it are committed: it may name an alert one of them raised (a resolved
                // notice in the run could take another writer lane than its firing alert and overtake it)
                run = submitRun(run, submitted);
                settle(submitted);
                submitted.clear();
                p.record().action().applyWith(actions);
            } else if (choosesIncidentId(p.record().alerts())) {
                run = submitRun(run, submitted);
                submitted.add(new Submitted(records.get(n), ingest.submit(p.record().alerts())));
            } else {
                run.addAll(p.record().alerts());
                // a writer transaction takes a submission whole: runs as large as one of its batches
                if (run.size() >= config.writer().maxBatchAlerts()) run = submitRun(run, submitted);
            }
        }
        submitRun(run, submitted);
        settle(submitted);
    }

    /** Waits for each submission's commit; a record whose chosen incident ID is taken is dead-lettered. */
    private void settle(List<Submitted> submitted) {
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
        submitted.add(new Submitted(null, ingest.submit(run)));
        return new ArrayList<>();
    }

    private static boolean choosesIncidentId(List<Alert> alerts) {
        for (Alert a : alerts) {
            if (a.requestedId() != null) return true;
        }
        return false;
    }

    /**
     * What one record says: the integration it belongs to (its {@value #INTEGRATION_HEADER} header, else
     * {@value #SOURCE}), its format, and its alerts or the action it takes on an alert raised earlier.
     */
    public record AlertRecord(String integration, String format, List<Alert> alerts, KeyAction action) {
    }

    /**
     * An action on the alert of a dedup key (PagerDuty acknowledge/resolve, Opsgenie acknowledge/close): record the
     * resolved notice, or else acknowledge as {@code responder}.
     */
    public record KeyAction(String dedupKey, String responder, Alert resolvedNotice) {
        void applyWith(AlertActions actions) {
            if (resolvedNotice != null) actions.resolve(resolvedNotice);
            else actions.acknowledge(dedupKey, responder);
        }
    }

    /** A record's meaning, or why it is poison. */
    private record Parsed(AlertRecord record, PoisonRecordException poison) {
    }

    private Parsed tryParse(ConsumerRecord<String, String> record) {
        try {
            return new Parsed(read(record), null);
        } catch (PoisonRecordException e) {
            return new Parsed(null, e);
        }
    }

    /** One record read: parsed once into a tree, its format told from that tree's fields. */
    public AlertRecord read(ConsumerRecord<String, String> record) {
        String integration = integrationOf(record);
        String value = record.value();
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("empty alert record");
        }
        try {
            JsonNode tree = mapper.readTree(value);
            if (tree == null || !tree.isObject()) {
                throw new PoisonRecordException("an alert record must be a JSON object");
            }
            RecordFormat format = RecordFormat.of(tree);
            return switch (format) {
                case GENERIC -> alerts(integration, format,
                        List.of(normalizer.fromGeneric(valid(tree, GenericAlert.class), SOURCE)));
                case ALERTMANAGER -> alerts(integration, format, normalizer.fromAlertmanager(alertmanager(tree), SOURCE));
                case GRAFANA -> alerts(integration, format, normalizer.fromGrafana(grafana(tree), SOURCE));
                case PAGERDUTY -> pagerDuty(integration, tree);
                case OPSGENIE_CREATE -> alerts(integration, format,
                        List.of(normalizer.fromOpsgenie(valid(tree, OpsgenieCreateAlert.class), SOURCE)));
                case OPSGENIE_ACTION -> opsgenieAction(integration, valid(tree, OpsgenieActionRecord.class));
            };
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not a valid alert: " + e.getOriginalMessage(), e);
        } catch (InvalidInputException e) {
            throw new PoisonRecordException("invalid alert: " + e.getMessage(), e);
        }
    }

    private static String integrationOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(INTEGRATION_HEADER);
        String name = header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8).trim();
        return name.isEmpty() ? SOURCE : name;
    }

    private static AlertRecord alerts(String integration, RecordFormat format, List<Alert> alerts) {
        return new AlertRecord(integration, format.name().toLowerCase(Locale.ROOT), alerts, null);
    }

    private AlertmanagerWebhook alertmanager(JsonNode tree) throws JsonProcessingException {
        AlertmanagerWebhook hook = valid(tree, AlertmanagerWebhook.class);
        requireVersion("Alertmanager", hook.version(), AlertmanagerWebhook.SUPPORTED_VERSION);
        return hook;
    }

    private GrafanaWebhook grafana(JsonNode tree) throws JsonProcessingException {
        GrafanaWebhook hook = valid(tree, GrafanaWebhook.class);
        requireVersion("Grafana", hook.version(), GrafanaWebhook.SUPPORTED_VERSION);
        return hook;
    }

    private static void requireVersion(String sender, String version, String supported) {
        if (!supported.equals(version)) {
            throw new PoisonRecordException("version: unsupported " + sender + " webhook version '" + version
                    + "', expected \"" + supported + "\"");
        }
    }

    /** PagerDuty's checks but {@code routing_key}'s. */
    private AlertRecord pagerDuty(String integration, JsonNode tree) {
        List<String> errors = new ArrayList<>();
        PagerDutyEvent event = PagerDutyEvent.read(tree, SOURCE, Instant.now(clock), errors);
        if (event == null) throw new PoisonRecordException("invalid PagerDuty event: " + String.join("; ", errors));
        String format = RecordFormat.PAGERDUTY.name().toLowerCase(Locale.ROOT);
        return switch (event.action()) {
            case PagerDutyEvent.TRIGGER -> new AlertRecord(integration, format, List.of(event.trigger()), null);
            case PagerDutyEvent.ACKNOWLEDGE -> new AlertRecord(integration, format, List.of(),
                    new KeyAction(event.dedupKey(), "pagerduty:" + integration, null));
            default -> new AlertRecord(integration, format, List.of(), new KeyAction(event.dedupKey(), null,
                    normalizer.resolvedNotice(SOURCE, event.dedupKey(), PagerDutyEvent.RESOLVED_SUMMARY)));
        };
    }

    private AlertRecord opsgenieAction(String integration, OpsgenieActionRecord action) {
        String dedupKey = OpsgenieAlertAction.dedupKey(action.identifier(), action.identifierType());
        String format = RecordFormat.OPSGENIE_ACTION.name().toLowerCase(Locale.ROOT);
        Alert notice = action.closes()
                ? normalizer.resolvedNotice(SOURCE, dedupKey, OpsgenieAlertAction.CLOSED_SUMMARY) : null;
        return new AlertRecord(integration, format, List.of(),
                new KeyAction(dedupKey, action.body().responder(integration), notice));
    }

    private <T> T valid(JsonNode tree, Class<T> type) throws JsonProcessingException {
        T value = mapper.treeToValue(tree, type);
        validate(value);
        return value;
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
