package io.incidentops.intake.email;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.DedupKeys;
import io.incidentops.intake.alerts.IncidentTypeClassifier;
import io.incidentops.intake.alerts.SeverityRule;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.integrations.Integration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert mail in our terms (README "Email in"): the subject is the summary, after its leading {@code RESOLVED:} /
 * {@code OK:} prefix and {@code [tag]}s; a tag that names a severity ({@code [P1]}, {@code [critical]}) sets it, the
 * first other tag may name the service; the text body (or the text of the HTML one) is the description. The dedup key is
 * service + summary, so a re-sent alert mail and its "RESOLVED" mail find the same incident; {@code Message-ID} /
 * {@code In-Reply-To} threading is not used (alerting tools rarely thread, and the subject already matches).
 */
@ApplicationScoped
public class MailAlerts {

    static final String SOURCE = "email";
    static final int MAX_SUMMARY_CHARS = 1024;
    static final int MAX_DESCRIPTION_CHARS = 16 * 1024;
    private static final int MAX_LABEL_CHARS = 255;

    /** {@code RESOLVED}/{@code OK} then {@code :}, {@code -} or a space; or one {@code [tag]}: either may repeat. */
    private static final Pattern RESOLVED_PREFIX = Pattern.compile("(?i)^(?:resolved|ok)(?:\\s*[:\\-]\\s*|\\s+)");
    private static final Pattern TAG = Pattern.compile("^\\[([^\\[\\]]{1,100})]\\s*");

    @Inject
    Clock clock;

    @Inject
    IntakeConfig config;

    /** The subject taken apart: resolved prefix, severity and service tags, what remains. */
    record Subject(boolean resolved, Severity severity, String serviceTag, String summary) {

        static Subject parse(String subject) {
            String rest = subject == null ? "" : subject.strip();
            boolean resolved = false;
            Severity severity = null;
            String service = null;
            while (true) {
                Matcher prefix = RESOLVED_PREFIX.matcher(rest);
                Matcher tag = TAG.matcher(rest);
                if (prefix.find()) {
                    resolved = true;
                    rest = rest.substring(prefix.end());
                } else if (tag.find()) {
                    String word = tag.group(1).strip();
                    var tagged = SeverityRule.fromWord(word, SeverityRule.Vocabulary.PAGERDUTY, false);
                    if (tagged.isPresent() && severity == null) severity = tagged.get();
                    else if (tagged.isEmpty() && service == null && !word.isEmpty()) service = word;
                    rest = rest.substring(tag.end());
                } else {
                    break;
                }
            }
            return new Subject(resolved, severity, service, rest.strip());
        }
    }

    /** The alert a mail to {@code integration}'s address stands for (MIME already parsed, size already bounded). */
    public Alert toAlert(Integration integration, MimeMessage mail) throws MessagingException, IOException {
        Instant now = Instant.now(clock);
        String rawSubject = mail.getSubject(); // RFC 2047 decoded by jakarta.mail
        Subject subject = Subject.parse(rawSubject);
        String summary = truncate(subject.summary().isEmpty() ? "(no subject)" : subject.summary(), MAX_SUMMARY_CHARS);
        String from = fromAddress(mail);
        String service = service(integration, subject, from);
        String dedupKey = DedupKeys.ofServiceAndSummary(service, summary);
        Map<String, String> labels = new LinkedHashMap<>();
        if (from != null) labels.put("email_from", truncate(from, MAX_LABEL_CHARS));
        String messageId = mail.getMessageID();
        if (messageId != null) labels.put("email_message_id", truncate(messageId, MAX_LABEL_CHARS));
        String description = text(mail);
        // MIME text travels with CRLF line ends
        if (description != null) description = truncate(description.replace("\r\n", "\n").strip(), MAX_DESCRIPTION_CHARS);
        if (subject.resolved()) {
            return new Alert(SOURCE, service, summary, description, null, null, labels, null, now, dedupKey, null, null,
                    true, now);
        }
        Severity severity = subject.severity() != null ? subject.severity()
                : config.email().severity().getOrDefault(integration.name(), config.email().defaultSeverity());
        IncidentType type = IncidentTypeClassifier.classify(labels, summary, description);
        return new Alert(SOURCE, service, summary, description, severity, type, labels, now, null, dedupKey, null, null,
                false, now);
    }

    private String service(Integration integration, Subject subject, String from) {
        for (String rule : config.email().serviceFrom()) {
            String service = switch (rule.strip()) {
                case "tag" -> subject.serviceTag();
                case "sender-domain" -> from == null || from.indexOf('@') < 0 ? null
                        : from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                case "integration" -> integration.name();
                default -> throw new IllegalStateException("incidentops.intake.email.service-from: unknown rule '"
                        + rule + "', expected tag, sender-domain or integration");
            };
            if (service != null && !service.isBlank()) return truncate(service, MAX_LABEL_CHARS);
        }
        return integration.name();
    }

    private static String fromAddress(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0) return null;
        return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
    }

    /** The first text/plain part, else the text of the first text/html part, else null. */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) return content(part);
        if (part.isMimeType("text/html")) {
            String html = content(part);
            return html == null ? null : Jsoup.parse(html).body().wholeText();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain")) return content(child);
                if (html == null) html = text(child);
            }
            return html;
        }
        return null;
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String text ? text : null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
