package io.incidentops.comms.watchdog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.time.Duration;
import java.time.Instant;

/** The watchdog's page to the owners, as a plain-text Qute template ({@code templates/WatchdogText/}). */
@CheckedTemplate(basePath = "WatchdogText")
public final class WatchdogText {

    private WatchdogText() {
    }

    public static native TemplateInstance body(String headline, String detail, boolean recovered, Instant since,
                                        Duration repeat);
}
