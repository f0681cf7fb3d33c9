package io.incidentops.executor.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.EventCodec;
import io.incidentops.platform.messaging.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one record of the {@code deployments} topic. Accepted:
 * <ul>
 *   <li>a CDEvent ({@code dev.cdevents.service.deployed|upgraded|rolledback.<version>}) in CloudEvents binary mode
 *   ({@code ce_*} headers, the value is {@code data}) or structured mode (the value has {@code specversion},
 *   {@code type}, {@code data}); service = last segment of {@code subject.id}, else the record key; version from
 *   {@code subject.content.artifactId} (a purl: the part after {@code @}); environment =
 *   {@code subject.content.environment.id} (or a plain string); time = {@code ce_time}/{@code time}, else
 *   {@code context.timestamp}, else the record timestamp;</li>
 *   <li>a plain deploy record {@code {service, version, environment, deployedAt}} (service and version required;
 *   deployedAt defaults to the record timestamp).</li>
 * </ul>
 * Anything else is a {@link PoisonRecordException} naming what is wrong (the record goes to {@code deployments.dlq}).
 */
public final class DeploymentRecordParser {

    private static final Pattern CDEVENT_TYPE =
            Pattern.compile("dev\\.cdevents\\.service\\.(deployed|upgraded|rolledback)\\.\\d+\\.\\d+\\.\\d+(-[\\w.]+)?");
    private static final int MAX_LENGTH = 255;
    private static final ObjectMapper JSON = EventCodec.mapper();

    private DeploymentRecordParser() {
    }

    public static DeploymentRecord parse(ConsumerRecord<String, String> record) {
        JsonNode body = readJson(record.value());
        Instant recordTime = record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
        String ceType = header(record, "ce_type");
        if (ceType != null) {
            return cdEvent(ceType, body, header(record, "ce_time"), record.key(), recordTime);
        }
        if (body.hasNonNull("specversion") && body.hasNonNull("type")) {
            return cdEvent(body.get("type").asText(), body.path("data"), text(body, "time"), record.key(), recordTime);
        }
        if (body.has("service") || body.has("version")) {
            return plain(body, recordTime);
        }
        throw new PoisonRecordException("neither a CDEvent nor a deploy record {service, version, environment, deployedAt}");
    }

    private static DeploymentRecord cdEvent(String type, JsonNode data, String time, String key, Instant recordTime) {
        Matcher m = CDEVENT_TYPE.matcher(type);
        if (!m.matches()) {
            throw new PoisonRecordException("unsupported CloudEvents type '" + limit(type) + "', expected dev.cdevents.service.deployed|upgraded|rolledback.<version>");
        }
        if (!data.isObject()) throw new PoisonRecordException("CDEvent data must be a JSON object");
        JsonNode subject = data.path("subject");
        JsonNode content = subject.path("content");
        String service = lastSegment(text(subject, "id"));
        if (blank(service)) service = key;
        String artifactId = text(content, "artifactId");
        if (blank(artifactId)) throw new PoisonRecordException("subject.content.artifactId is required");
        JsonNode env = content.path("environment");
        String environment = env.isObject() ? text(env, "id") : text(content, "environment");
        Instant at = time != null ? instant(time, "ce_time")
                : data.path("context").hasNonNull("timestamp") ? instant(data.path("context").get("timestamp").asText(), "context.timestamp")
                : recordTime;
        return valid(service, versionOf(artifactId), environment, m.group(1), at, "subject.id");
    }

    private static DeploymentRecord plain(JsonNode body, Instant recordTime) {
        String deployedAt = text(body, "deployedAt");
        Instant at = deployedAt == null ? recordTime : instant(deployedAt, "deployedAt");
        return valid(text(body, "service"), text(body, "version"), text(body, "environment"), "deployed", at, "service");
    }

    private static DeploymentRecord valid(String service, String version, String environment, String kind, Instant at,
                                          String serviceField) {
        if (blank(service)) throw new PoisonRecordException(serviceField + " (the service name) is required");
        if (blank(version)) throw new PoisonRecordException("version is required");
        if (service.length() > MAX_LENGTH || version.length() > MAX_LENGTH
                || (environment != null && environment.length() > MAX_LENGTH)) {
            throw new PoisonRecordException("service, version and environment are at most " + MAX_LENGTH + " characters");
        }
        return new DeploymentRecord(service.trim(), version.trim(), blank(environment) ? null : environment.trim(), kind, at);
    }

    /** {@code pkg:oci/checkout@sha256%3Aabc?repository_url=...} → {@code sha256:abc}; no {@code @} → the whole id. */
    static String versionOf(String artifactId) {
        int at = artifactId.lastIndexOf('@');
        if (at < 0) return artifactId;
        String version = artifactId.substring(at + 1);
        int end = indexOfAny(version, '?', '#');
        if (end >= 0) version = version.substring(0, end);
        try {
            return URLDecoder.decode(version, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return version;
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) return j;
        if (j < 0) return i;
        return Math.min(i, j);
    }

    /** {@code service/checkout} or {@code /prod/checkout} → {@code checkout}. */
    private static String lastSegment(String id) {
        if (id == null) return null;
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static JsonNode readJson(String value) {
        if (value == null || value.isBlank()) throw new PoisonRecordException("empty record");
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject()) throw new PoisonRecordException("the record is not a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("the record is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException(field + " is not an ISO-8601 timestamp: '" + limit(value) + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) return null;
        if (!value.isValueNode()) throw new PoisonRecordException(field + " must be a string");
        return value.asText();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String limit(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
