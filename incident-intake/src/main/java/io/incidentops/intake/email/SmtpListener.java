package io.incidentops.intake.email;

import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.Integrations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.subethamail.smtp.server.SMTPServer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Email in: the SMTP listener, started with intake when {@code incidentops.intake.email.port} is set. */
@ApplicationScoped
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class);

    @Inject
    IntakeConfig config;

    @Inject
    Integrations integrations;

    @Inject
    MailAlerts alerts;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    private volatile SMTPServer server;

    void start(@Observes StartupEvent event) throws UnknownHostException {
        IntakeConfig.Email email = config.email();
        if (email.port().isEmpty()) return;
        SMTPServer smtp = SMTPServer.port(email.port().getAsInt())
                .bindAddress(InetAddress.getByName(email.bindHost()))
                .hostName(email.domain().orElse("localhost"))
                .softwareName("IncidentOps intake")
                .maxMessageSize(email.maxMessageBytes())
                .connectionTimeout((int) email.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .messageHandlerFactory(context -> new MailSession(integrations, alerts, ingest, rateLimits,
                        email.domain(), email.maxMessageBytes()))
                .build();
        smtp.start();
        server = smtp;
        LOG.infof("email in: SMTP listening on %s:%d", email.bindHost(), smtp.getPortAllocated());
    }

    void stop(@Observes ShutdownEvent event) {
        SMTPServer smtp = server;
        if (smtp != null) smtp.stop();
    }

    /** The port the listener is bound to, or empty when email in is off. */
    public OptionalInt port() {
        SMTPServer smtp = server;
        return smtp == null ? OptionalInt.empty() : OptionalInt.of(smtp.getPortAllocated());
    }
}
