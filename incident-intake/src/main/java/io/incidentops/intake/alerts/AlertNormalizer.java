package io.incidentops.intake.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import io.incidentops.intake.alerts.custom.CustomFormat;
import io.incidentops.intake.alerts.grafana.GrafanaWebhook;
import io.incidentops.intake.alerts.opsgenie.OpsgenieCreateAlert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/** Turns every accepted wire format into {@link Alert}s: scoring, classification, dedup key, time rules. */
@ApplicationScoped
public class AlertNormalizer {

    /** Alertmanager's zero time, sent as {@code endsAt} while an alert fires. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private static final IntFunction<Map<String, String>> NO_LINKS = n -> Map.of();

    /** What one alert may carry, the common labels and annotations included (same as a generic alert's labels). */
    static final int MAX_LABELS = 100;
    static final int MAX_LABEL_CHARS = 16 * 1024;
    static final int MAX_ANNOTATION_CHARS = 64 * 1024;
    /** One entry's bounds (as a generic alert's labels are Bean-Validated). */
    static final int MAX_NAME_CHARS = 255;
    static final int MAX_LABEL_VALUE_CHARS = 4096;

    /** The label that keeps a custom source's severity word its mapping did not know. */
    public static final String UNMAPPED_SEVERITY_LABEL = "severity_unmapped";

    @Inject
    Clock clock;

    @Inject
    IntakeConfig config;

    /** A generic alert (already Bean-Validated); rule violations are {@link InvalidInputException}s naming the field. */
    public Alert fromGeneric(GenericAlert in, String source) {
        Instant now = Instant.now(clock);
        Map<String, String> labels = in.labels() == null ? Map.of() : new LinkedHashMap<>(in.labels());
        if (in.startsAt() != null && in.startsAt().isAfter(now.plus(config.maxClockSkew()))) {
            throw new InvalidInputException("startsAt", "must not lie in the future (more than "
                    + config.maxClockSkew().toMinutes() + " min ahead of " + now + ")");
        }
        if (in.incidentId() != null) {
            try {
                LocalDate.parse(in.incidentId().substring(4, 12), ID_DATE);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("incidentId", "the date part is not a valid date (YYYYMMDD)");
            }
        }
        boolean outage = SeverityRule.signalsCompleteOutage(labels, in.summary(), in.description(), in.customerImpact());
        Severity severity;
        if (in.severity() != null) {
            severity = SeverityRule.fromWord(in.severity(), SeverityRule.Vocabulary.PAGERDUTY, outage)
                    .orElseThrow(() -> new InvalidInputException("severity",
                            "unknown severity '" + in.severity() + "', expected P0..P4 or critical, error, warning, info"));
        } else {
            severity = SeverityRule.fromAlertmanagerLabel(labels.get("severity"), outage);
        }
        IncidentType type = IncidentTypeClassifier.classify(labels, labels.get("alertname"), in.summary(), in.description());
        String dedupKey = in.fingerprint() != null && !in.fingerprint().isBlank()
                ? in.fingerprint().trim() : DedupKeys.ofServiceAndSummary(in.service(), in.summary());
        return new Alert(source, in.service().trim(), in.summary().trim(), in.description(), severity, type, labels,
                in.startsAt() != null ? in.startsAt() : now, null, dedupKey, in.customerImpact(), in.incidentId(),
                false, now);
    }

    /**
     * Every alert of an Alertmanager webhook (already Bean-Validated, version checked). A {@code startsAt} in the
     * future is clamped to receipt rather than refused: Alertmanager cannot fix it and would drop the whole group.
     */
    public List<Alert> fromAlertmanager(AlertmanagerWebhook hook, String source) {
        return fromAlertGroup(hook, source, NO_LINKS);
    }

    /**
     * Every alert of a Grafana Alerting webhook (already Bean-Validated, version checked): Alertmanager's envelope
     * and rules, plus Grafana's links (dashboard, panel, silence, image) and values in the description.
     */
    public List<Alert> fromGrafana(GrafanaWebhook hook, String source) {
        return fromAlertGroup(hook.asAlertmanager(), source, n -> hook.alerts().get(n).links());
    }

    /**
     * An Alertmanager-shaped group; {@code links} gives the n-th alert's further "name: value" lines for its
     * description, after its {@code generatorURL} (what the format adds to Alertmanager's alert).
     */
    private List<Alert> fromAlertGroup(AlertmanagerWebhook hook, String source, IntFunction<Map<String, String>> links) {
        Instant now = Instant.now(clock);
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < hook.alerts().size(); i++) {
            AlertmanagerWebhook.AmAlert a = hook.alerts().get(i);
            Map<String, String> labels = new LinkedHashMap<>();
            if (hook.commonLabels() != null) labels.putAll(hook.commonLabels());
            if (a.labels() != null) labels.putAll(a.labels());
            Map<String, String> annotations = new LinkedHashMap<>();
            if (hook.commonAnnotations() != null) annotations.putAll(hook.commonAnnotations());
            if (a.annotations() != null) annotations.putAll(a.annotations());

            // common labels are copied into every alert: bound what one alert may carry, or a body within the size
            // limit could still become hundreds of megabytes of rows and events
            requireWithin(labels, MAX_LABELS, MAX_LABEL_CHARS, MAX_LABEL_VALUE_CHARS, "alerts[" + i + "].labels");
            requireWithin(annotations, MAX_LABELS, MAX_ANNOTATION_CHARS, MAX_ANNOTATION_CHARS,
                    "alerts[" + i + "].annotations");

            String service = first(labels.get("service"), labels.get("job"), labels.get("app"), "unknown");
            String summary = first(annotations.get("summary"), annotations.get("description"), labels.get("alertname"), null);
            if (summary == null) {
                throw new InvalidInputException("alerts[" + i + "].labels.alertname",
                        "an alert needs an alertname label or a summary/description annotation");
            }
            String description = annotations.get("description");
            if (description != null && description.equals(summary)) description = null;
            description = withLinks(description, a.generatorURL(), links.apply(i));
            String customerImpact = annotations.get("customer_impact");
            boolean outage = SeverityRule.signalsCompleteOutage(labels, summary, annotations.get("description"), customerImpact);
            Severity severity = SeverityRule.fromAlertmanagerLabel(labels.get("severity"), outage);
            IncidentType type = IncidentTypeClassifier.classify(labels, labels.get("alertname"), summary,
                    annotations.get("description"));
            String dedupKey = a.fingerprint() != null && !a.fingerprint().isBlank()
                    ? a.fingerprint().trim() : DedupKeys.ofLabels(a.labels());
            Instant startsAt = a.startsAt() == null || a.startsAt().equals(GO_ZERO_TIME)
                    || a.startsAt().isAfter(now.plus(config.maxClockSkew())) ? now : a.startsAt();
            Instant endsAt = a.endsAt() == null || a.endsAt().equals(GO_ZERO_TIME) ? null : a.endsAt();
            out.add(new Alert(source, service, truncate(summary, 1024), description, severity, type, labels, startsAt,
                    endsAt, dedupKey, customerImpact, null, "resolved".equals(a.status()), now));
        }
        return out;
    }

    /** The description, then "Source: generatorURL" and the format's other links, one a line. */
    private static String withLinks(String description, String generatorURL, Map<String, String> links) {
        boolean source = generatorURL != null && !generatorURL.isBlank();
        if (!source && links.isEmpty()) return description;
        StringBuilder text = new StringBuilder(description == null ? "" : description + "\n\n");
        String separator = "";
        if (source) {
            text.append("Source: ").append(generatorURL);
            separator = "\n";
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            text.append(separator).append(link.getKey()).append(": ").append(link.getValue());
            separator = "\n";
        }
        return text.toString();
    }

    /**
     * An Opsgenie "create alert" (already Bean-Validated): {@code alias} is the dedup key (random when absent, as
     * Opsgenie makes each alias-less alert a new one); service from the {@code service} detail, else {@code entity}
     * (Opsgenie's "domain the alert is related to"), else {@code unknown}; details are labels, with {@code entity},
     * {@code source} and the comma-joined {@code tags}; priority P1..P5 → P1, P2, P3, P4, P4 (P1 with a complete-outage
     * signal → P0).
     */
    public Alert fromOpsgenie(OpsgenieCreateAlert in, String source) {
        Instant now = Instant.now(clock);
        Map<String, String> labels = new LinkedHashMap<>();
        if (in.details() != null) labels.putAll(in.details());
        putIfText(labels, "entity", in.entity());
        putIfText(labels, "source", in.source());
        if (in.tags() != null && !in.tags().isEmpty()) labels.put("tags", String.join(",", in.tags()));
        if (!in.detailsWithinLimit()) {
            throw new InvalidInputException("details", "at most " + OpsgenieCreateAlert.MAX_DETAILS_CHARS
                    + " characters in all");
        }
        requireWithin(labels, MAX_LABELS, MAX_LABEL_CHARS, MAX_LABEL_VALUE_CHARS, "details");
        String summary = in.message().trim();
        String service = first(labels.get("service"), in.entity(), null, "unknown");
        boolean outage = SeverityRule.signalsCompleteOutage(labels, summary, in.description());
        Severity severity = SeverityRule.fromOpsgeniePriority(in.priority(), outage)
                .orElseThrow(() -> new InvalidInputException("priority", "should be one of P1, P2, P3, P4, P5"));
        IncidentType type = IncidentTypeClassifier.classify(labels, labels.get("alertname"), summary, in.description());
        String dedupKey = in.alias() != null && !in.alias().isBlank()
                ? in.alias().trim() : UUID.randomUUID().toString();
        return new Alert(source, service, summary, in.description(), severity, type, labels, now, null, dedupKey,
                null, null, false, now);
    }

    /**
     * A sender's "this alert is resolved" (PagerDuty {@code resolve}, Opsgenie {@code close}): recorded on the open
     * incident holding the dedup key, ignored when none does; it never resolves the incident by itself.
     */
    public Alert resolvedNotice(String source, String dedupKey, String summary) {
        Instant now = Instant.now(clock);
        return new Alert(source, null, summary, null, null, null, Map.of(), null, now, dedupKey, null, null, true, now);
    }

    private static void putIfText(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) labels.put(name, value.trim());
    }

    /**
     * A custom source's body, read by its integration's field mapping. A severity word the mapping does not know is
     * not refused (the tool cannot change what it sends): the alert takes the default and keeps the word in the
     * {@value #UNMAPPED_SEVERITY_LABEL} label.
     */
    public List<Alert> fromCustom(JsonNode body, CustomFormat format, String source) {
        Instant now = Instant.now(clock);
        List<Alert> out = new ArrayList<>();
        for (CustomFormat.Fields f : format.read(body)) {
            Map<String, String> labels = new LinkedHashMap<>(f.labels());
            requireWithin(labels, MAX_LABELS, MAX_LABEL_CHARS, MAX_LABEL_VALUE_CHARS, "labels");
            boolean outage = SeverityRule.signalsCompleteOutage(labels, f.summary(), f.description());
            Severity severity = f.severity();
            if (severity == null && f.severityWord() != null) {
                severity = SeverityRule.fromWord(f.severityWord(), SeverityRule.Vocabulary.PAGERDUTY, outage).orElse(null);
                if (severity == null) labels.put(UNMAPPED_SEVERITY_LABEL, truncate(f.severityWord(), MAX_LABEL_VALUE_CHARS));
            }
            if (severity == null) severity = format.defaultSeverity();
            IncidentType type = IncidentTypeClassifier.classify(labels, labels.get("alertname"), f.summary(), f.description());
            String dedupKey = f.dedupKey() != null ? f.dedupKey() : DedupKeys.ofServiceAndSummary(f.service(), f.summary());
            out.add(new Alert(source, f.service(), truncate(f.summary(), 1024), f.description(), severity, type, labels,
                    now, null, dedupKey, null, null, f.resolved(), now));
        }
        return out;
    }

    private static void requireWithin(Map<String, String> map, int maxEntries, int maxChars, int maxValueChars,
            String field) {
        if (map.size() > maxEntries) {
            throw new InvalidInputException(field, "at most " + maxEntries + " entries (with the common ones), got " + map.size());
        }
        long chars = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            String name = e.getKey();
            int valueChars = e.getValue() == null ? 0 : e.getValue().length();
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(field, "a name must not be blank");
            }
            if (name.length() > MAX_NAME_CHARS) {
                throw new InvalidInputException(field, "a name has at most " + MAX_NAME_CHARS + " characters, got "
                        + name.length());
            }
            if (valueChars > maxValueChars) {
                throw new InvalidInputException(field + "." + name, "at most " + maxValueChars + " characters, got "
                        + valueChars);
            }
            chars += name.length() + valueChars;
        }
        if (chars > maxChars) {
            throw new InvalidInputException(field, "at most " + maxChars + " characters in all (with the common ones), got " + chars);
        }
    }

    private static String first(String a, String b, String c, String fallback) {
        for (String s : new String[]{a, b, c}) {
            if (s != null && !s.isBlank()) return s.trim();
        }
        return fallback;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
