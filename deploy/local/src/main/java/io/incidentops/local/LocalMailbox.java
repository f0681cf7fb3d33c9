package io.incidentops.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: a GreenMail SMTP server (no TLS, no authentication, any recipient) on a free loopback
 * port that keeps every message it receives, and an HTTP address listing them as JSON, so a newcomer sees pages
 * arrive without a mail account. {@code GET <url>} → {@code {"messages": [...]}}, oldest first, newest last;
 * {@code DELETE <url>} empties it. Loopback only, like the services: it is a development tool, not a mail server.
 */
public final class LocalMailbox implements AutoCloseable {

    /** One received message as the JSON shows it; a message to several recipients is listed once per recipient. */
    public record Mail(List<String> to, String from, String subject, String body, List<String> attachments,
            Instant receivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final GreenMail smtp;
    private final HttpServer http;

    private LocalMailbox(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    /** Starts the SMTP server and the JSON listing, each on a free port of 127.0.0.1. */
    public static LocalMailbox start() throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Ports.free()), 0);
            LocalMailbox mailbox = new LocalMailbox(smtp, http);
            http.createContext("/messages", mailbox::handle);
            http.start();
            return mailbox;
        } catch (IOException | RuntimeException e) {
            smtp.stop();
            throw e;
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** The JSON listing, {@code http://127.0.0.1:<port>/messages} (stack.env's {@code MAILBOX_URL}). */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/messages";
    }

    /** Every message received so far, oldest first. */
    public List<Mail> messages() {
        List<StoredMessage> stored = new ArrayList<>(smtp.getManagers().getImapHostManager().getAllMessages());
        // one mailbox per recipient: order across them by arrival, not by mailbox
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate).thenComparing(StoredMessage::getUid));
        List<Mail> mails = new ArrayList<>(stored.size());
        for (StoredMessage message : stored) {
            mails.add(toMail(message));
        }
        return mails;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals("/messages")) {
                answer(exchange, 404, Map.of("title", "Not Found"));
            } else if ("GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 200, Map.of("messages", messages()));
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                smtp.purgeEmailFromAllMailboxes();
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.getResponseHeaders().add("Allow", "GET, DELETE");
                answer(exchange, 405, Map.of("title", "Method Not Allowed"));
            }
        } catch (RuntimeException | FolderException e) {
            answer(exchange, 500, Map.of("title", "Internal Server Error", "detail", String.valueOf(e)));
        } finally {
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Mail toMail(StoredMessage stored) {
        try {
            MimeMessage message = stored.getMimeMessage();
            List<String> attachments = new ArrayList<>();
            String body = body(message, attachments);
            return new Mail(addresses(message.getRecipients(Message.RecipientType.TO)),
                    String.join(", ", addresses(message.getFrom())), message.getSubject(), body, attachments,
                    stored.getReceivedDate().toInstant());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable message " + stored.getUid(), e);
        }
    }

    /** The first text/plain part (else the first text part) is the body; every named part is an attachment. */
    private static String body(Part message, List<String> attachments) throws MessagingException, IOException {
        List<Part> texts = new ArrayList<>();
        walk(message, texts, attachments);
        Part body = texts.stream().filter(p -> isPlain(p)).findFirst().orElse(texts.isEmpty() ? null : texts.get(0));
        if (body == null) {
            return "";
        }
        Object content = body.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = (InputStream) content) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void walk(Part part, List<Part> texts, List<String> attachments)
            throws MessagingException, IOException {
        if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.add(part.getFileName() == null ? "(unnamed)" : part.getFileName());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), texts, attachments);
            }
        } else if (part.isMimeType("text/*")) {
            texts.add(part);
        }
    }

    private static boolean isPlain(Part part) {
        try {
            return part.isMimeType("text/plain");
        } catch (MessagingException e) {
            return false;
        }
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(a.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
