package io.incidentops.comms.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM on a free port: quarkus-mailer sends the pages to it. */
public class SmtpServerResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(smtp, new TestInjector.MatchesType(GreenMail.class));
    }

    @Override
    public void stop() {
        if (smtp != null) smtp.stop();
    }
}
