package io.incidentops.reporter.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Qute templates of the incident report (seed step 10): Markdown for the file, HTML for browsers. */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance incidentReport(ReportView r);

        public static native TemplateInstance incidentReportHtml(ReportView r);
    }
}
