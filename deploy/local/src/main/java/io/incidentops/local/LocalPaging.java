package io.incidentops.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local stack adds so that a page reaches a human: the {@link LocalMailbox} comms e-mails pages to, intake's
 * ack links pointing at intake itself and the executor's approve/reject links, each signed with a secret generated once
 * and kept beside the stack's other keys (links in pages sent before a restart keep working), and the
 * {@link DemoTeam} installed once the services are up.
 */
final class LocalPaging implements AutoCloseable {

    /** Who comms' watchdog pages when the paging pipeline itself is broken (into the stack's mailbox). */
    static final String PLATFORM_OWNERS = "platform-owners@incidentops.local";

    /** ISO-8601 delay between the demo policy's rules (default {@code PT10S}). */
    static final String DEMO_DELAY_ENV = "STACK_DEMO_ESCALATION_DELAY";
    static final Duration DEFAULT_DEMO_DELAY = Duration.ofSeconds(10);

    private final LocalMailbox mailbox;
    private final String ackSigningSecret;
    private final String approvalLinksSigningSecret;

    private LocalPaging(LocalMailbox mailbox, String ackSigningSecret, String approvalLinksSigningSecret) {
        this.mailbox = mailbox;
        this.ackSigningSecret = ackSigningSecret;
        this.approvalLinksSigningSecret = approvalLinksSigningSecret;
    }

    /**
     * Starts the mailbox and reads the link signing secrets from {@code securityDir}, writing new ones where there are
     * none: {@code ack-signing-secret} (intake) and {@code approval-links-signing-secret} (executor).
     */
    static LocalPaging start(Path securityDir) throws IOException {
        demoDelay(System.getenv(DEMO_DELAY_ENV)); // a typo fails the start, not the demo team minutes later
        Files.createDirectories(securityDir);
        return new LocalPaging(LocalMailbox.start(), secret(securityDir, "ack-signing-secret"),
                secret(securityDir, "approval-links-signing-secret"));
    }

    private static String secret(Path securityDir, String name) throws IOException {
        Path file = securityDir.resolve(name);
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random); // 43 characters
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return secret;
    }

    static Duration demoDelay(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_DEMO_DELAY;
        }
        try {
            Duration delay = Duration.parse(value.trim());
            if (delay.isNegative()) {
                throw new IllegalArgumentException(DEMO_DELAY_ENV + " must not be negative: " + value);
            }
            return delay;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(DEMO_DELAY_ENV + " is not an ISO-8601 duration such as PT10S: " + value);
        }
    }

    /** Environment a service gets on top of the stack's usual one. */
    Map<String, String> env(String module, String ownUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (module) {
            case "incident-intake" -> {
                env.put("INCIDENTOPS_ONCALL_ACK_BASE_URL", ownUrl);
                env.put("INCIDENTOPS_ONCALL_ACK_SIGNING_SECRET", ackSigningSecret);
                env.put("INCIDENTOPS_ONCALL_TEAMS_" + DemoTeam.TEAM.toUpperCase(java.util.Locale.ROOT) + "_LEAD_USER", DemoTeam.LEAD_USER);
            }
            case "runbook-executor" ->
                    env.put("INCIDENTOPS_EXECUTOR_APPROVAL_LINKS_SIGNING_SECRET", approvalLinksSigningSecret);
            case "comms-service" -> {
                env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
                env.put("QUARKUS_MAILER_PORT", String.valueOf(mailbox.smtpPort()));
                env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
                env.put("QUARKUS_MAILER_TLS", "false");
            }
            default -> {
            }
        }
        return env;
    }

    int smtpPort() {
        return mailbox.smtpPort();
    }

    String mailboxUrl() {
        return mailbox.url();
    }

    /** Installs what is missing of the demo team; returns a line for the launcher's output. */
    String installDemoTeam(String intakeUrl, String adminToken) throws IOException, InterruptedException {
        Duration delay = demoDelay(System.getenv(DEMO_DELAY_ENV));
        var created = new DemoTeam(intakeUrl, adminToken).install(delay);
        return (created.isEmpty() ? "demo team already there" : "demo team created (" + String.join(", ", created) + ")")
                + ": service " + DemoTeam.SERVICE + " pages the on-call user of " + DemoTeam.SCHEDULE
                + " at once, then " + DemoTeam.LEAD_USER + " after " + delay + " unless acknowledged";
    }

    @Override
    public void close() {
        mailbox.close();
    }
}
