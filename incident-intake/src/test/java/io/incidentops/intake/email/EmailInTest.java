package io.incidentops.intake.email;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Email in over real SMTP: jakarta.mail (angus-mail's SMTP transport, what Java tools send with) and a raw client for
 * the reply codes a sending MTA acts on. The test profile sets the domain {@value #DOMAIN}, a 64 KiB limit and
 * severity P2 for the {@code local} integration.
 */
@QuarkusTest
class EmailInTest {

    static final String DOMAIN = "alerts.example.test";
    /** Integration "limited" of the test profile (0.05 alerts/s, burst 3; shared with OverloadAndLimitsTest). */
    private static final String LIMITED_KEY = "limitedlimitedlimitedlimited0001";

    @Inject
    SmtpListener listener;

    private int port() {
        return listener.port().orElseThrow();
    }

    private void send(String to, String subject, String text, String html) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress("nagios@monitoring.example.org"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject(subject, "UTF-8"); // non-ASCII: sent RFC 2047 encoded
        if (html == null) {
            mail.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            mail.setContent(new MimeMultipart("alternative", plain, rich));
        }
        Transport.send(mail);
    }

    private static String address(String key) {
        return key + "@" + DOMAIN;
    }

    private static String incidentOf(String service) {
        return as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents").then()
                .body("items.findAll { it.service == '" + service + "' }", hasSize(1))
                .extract().path("items.find { it.service == '" + service + "' }.id");
    }

    private static void noIncidentOf(String service) {
        as("viewer").queryParam("size", 100).get("/api/incidents").then()
                .body("items.findAll { it.service == '" + service + "' }", hasSize(0));
    }

    @Test
    void aMailDeclaresAnIncidentItsRepeatGroupsAndItsResolvedMailIsRecorded() throws MessagingException {
        String service = unique("billing");
        String subject = "[" + service + "] Zahlungsdienst überlastet: queue depth 5000";
        send(address(InfraTestResource.integrationKey()), subject, "Queue depth above 5000 for 10 minutes.\n-- nagios",
                "<p>Queue depth above <b>5000</b></p>");

        // answered 250 only after the commit: the incident is there at once
        String id = incidentOf(service);
        as("viewer").get("/api/incidents/" + id).then().body("title", equalTo("Zahlungsdienst überlastet: queue depth 5000"))
                .body("severity", equalTo("P2")).body("source", equalTo("email")).body("alertCount", equalTo(1))
                .body("description", equalTo("Queue depth above 5000 for 10 minutes.\n-- nagios"));
        as("viewer").get("/api/incidents/" + id + "/alerts").then()
                .body("items[0].labels.email_from", equalTo("nagios@monitoring.example.org"));

        send(address(InfraTestResource.integrationKey()), subject, "again", null);
        send(address(InfraTestResource.integrationKey()), "RESOLVED: " + subject, "back to normal", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("viewer").get("/api/incidents/" + id + "/alerts")
                .then().body("items", hasSize(1)).body("items[0].deliveries", equalTo(3))
                .body("items[0].status", equalTo("resolved")));
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(1));
    }

    @Test
    void aSubjectTagSetsTheSeverityAndTheKeysCapStillApplies() throws MessagingException {
        String key = as("admin").contentType("application/json")
                .body(Map.of("name", unique("mailer").toLowerCase(), "sourceType", "email", "maxSeverity", "P2"))
                .post("/api/admin/integrations").then().statusCode(201).extract().path("key");
        String capped = unique("db");
        send(address(key), "[P0][" + capped + "] Primary database unreachable", "pg-1 down", null);
        String id = incidentOf(capped);
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P2"));
        as("viewer").get("/api/incidents/" + id + "/alerts").then()
                .body("items[0].labels.severity_capped_from", equalTo("P0"));

        String untagged = unique("cache");
        send(address(key), "[" + untagged + "] Cache hit ratio low", "below 50 %", null);
        as("viewer").get("/api/incidents/" + incidentOf(untagged)).then().body("severity", equalTo("P3"));
    }

    @Test
    void unknownAddressesAndKeysWithoutTheEmailRouteAreRefusedAtRcpt() throws IOException {
        String generic = as("admin").contentType("application/json")
                .body(Map.of("name", unique("api-only").toLowerCase(), "sourceType", "generic"))
                .post("/api/admin/integrations").then().statusCode(201).extract().path("key");
        String service = unique("refused");
        try (RawSmtp smtp = new RawSmtp(port())) {
            assertThat(smtp.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + address("not-a-key") + ">")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + InfraTestResource.integrationKey() + "@elsewhere.example>"))
                    .startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + address(generic) + ">")).startsWith("550 5.7.1")
                    .contains("'email' route");
            // no recipient accepted: there is nothing to deliver to
            assertThat(smtp.data("Subject: [" + service + "] x\r\n\r\nbody")).startsWith("503");
        }
        noIncidentOf(service);
    }

    @Test
    void anIntegrationOverItsRateLimitGets451SoTheSenderRetries() throws IOException {
        String refused = null;
        try (RawSmtp smtp = new RawSmtp(port())) {
            // its burst is 3 (fewer if another test used it): the fifth mail at the latest finds the bucket empty
            for (int n = 0; n < 5 && refused == null; n++) {
                String service = unique("limited");
                assertThat(smtp.command("MAIL FROM:<a@example.org>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + address(LIMITED_KEY) + ">")).startsWith("250");
                String reply = smtp.data("Subject: [" + service + "] mail " + n + "\r\n\r\nbody");
                if (reply.startsWith("451 4.3.2")) refused = service;
                else assertThat(reply).startsWith("250");
                assertThat(smtp.command("RSET")).startsWith("250");
            }
        }
        assertThat(refused).as("a mail refused with 451 4.3.2").isNotNull();
        noIncidentOf(refused);
    }

    @Test
    void aMailAboveTheSizeLimitIsRefusedWith552AndNotStored() throws IOException {
        String service = unique("huge");
        try (RawSmtp smtp = new RawSmtp(port())) {
            assertThat(smtp.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + address(InfraTestResource.integrationKey()) + ">")).startsWith("250");
            String body = ("x".repeat(998) + "\r\n").repeat(70); // 70 KB > the test profile's 64 KiB
            assertThat(smtp.data("Subject: [" + service + "] big\r\n\r\n" + body)).startsWith("552");
            // the session goes on (after RSET, as MTAs send after a refused mail): the next mail on it is delivered
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + address(InfraTestResource.integrationKey()) + ">")).startsWith("250");
            assertThat(smtp.data("Subject: [" + service + "-ok] small\r\n\r\nfine")).startsWith("250");
        }
        noIncidentOf(service);
        incidentOf(service + "-ok");
    }
}
