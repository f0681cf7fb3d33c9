package io.incidentops.reporter.pir;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The Qute template of the post-incident review document (seed step 11). */
public final class PirRenderer {

    private PirRenderer() {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance pir(PirView p);
    }
}
