package io.incidentops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

/** The stack's mailbox over the wire: mail sent over SMTP, read back as JSON over HTTP. */
class LocalMailboxTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void listsWhatItReceivedOverSmtpAsJsonNewestLast() throws Exception {
        try (LocalMailbox mailbox = LocalMailbox.start()) {
            Instant before = Instant.now().minusSeconds(1);
            send(mailbox, "alex.rivera@example.com", "[P2] INC-1 first", plain("first page\nack: http://x/ack/t1"));
            MimeMultipart withInvite = new MimeMultipart("mixed");
            withInvite.addBodyPart(textPart("the review is booked"));
            MimeBodyPart ics = new MimeBodyPart();
            ics.setContent("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", "text/calendar; method=REQUEST");
            ics.setFileName("pir-INC-1.ics");
            withInvite.addBodyPart(ics);
            send(mailbox, "sam.chen@example.com", "PIR INC-1", withInvite);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(mailbox.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode messages = new ObjectMapper().readTree(response.body()).get("messages");
            assertEquals(2, messages.size(), response.body());

            JsonNode first = messages.get(0);
            assertEquals("alex.rivera@example.com", first.get("to").get(0).asText());
            assertEquals("IncidentOps <incidentops@localhost>", first.get("from").asText());
            assertEquals("[P2] INC-1 first", first.get("subject").asText());
            assertTrue(first.get("body").asText().contains("ack: http://x/ack/t1"), first.toString());
            assertEquals(0, first.get("attachments").size());
            Instant received = Instant.parse(first.get("receivedAt").asText());
            assertTrue(!received.isBefore(before) && !received.isAfter(Instant.now()), received.toString());

            JsonNode second = messages.get(1);
            assertEquals("sam.chen@example.com", second.get("to").get(0).asText());
            assertEquals("the review is booked", second.get("body").asText().trim());
            assertEquals("pir-INC-1.ics", second.get("attachments").get(0).asText());
        }
    }

    @Test
    void deleteEmptiesItAndOtherMethodsAreRefused() throws Exception {
        try (LocalMailbox mailbox = LocalMailbox.start()) {
            send(mailbox, "alex.rivera@example.com", "one", plain("x"));
            assertEquals(1, mailbox.messages().size());

            assertEquals(405, call(mailbox.url(), "POST").statusCode());
            assertEquals(404, call(mailbox.url() + "/other", "GET").statusCode());
            assertEquals(1, mailbox.messages().size());

            assertEquals(204, call(mailbox.url(), "DELETE").statusCode());
            assertEquals(List.of(), mailbox.messages());
            assertEquals("{\"messages\":[]}", call(mailbox.url(), "GET").body());
        }
    }

    @Test
    void demoDelayIsAnIsoDurationTenSecondsByDefault() {
        assertEquals(Duration.ofSeconds(10), LocalPaging.demoDelay(null));
        assertEquals(Duration.ofSeconds(10), LocalPaging.demoDelay(" "));
        assertEquals(Duration.ofMinutes(5), LocalPaging.demoDelay("PT5M"));
        assertThrows(IllegalArgumentException.class, () -> LocalPaging.demoDelay("10s"));
        assertThrows(IllegalArgumentException.class, () -> LocalPaging.demoDelay("-PT1S"));
    }

    private HttpResponse<String> call(String url, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static MimeMultipart plain(String text) throws Exception {
        return new MimeMultipart(textPart(text));
    }

    private static MimeBodyPart textPart(String text) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }

    /** What quarkus-mailer does for comms: plain SMTP, no TLS, no authentication. */
    private static void send(LocalMailbox mailbox, String to, String subject, MimeMultipart content) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mailbox.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("IncidentOps <incidentops@localhost>"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setContent(content);
        Transport.send(message);
    }
}
