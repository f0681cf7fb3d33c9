package io.incidentops.reporter.support;

import io.quarkus.qute.TemplateExtension;

/**
 * Escaping of untrusted text (alert titles, labels, reasons) placed in Markdown documents: Markdown renderers pass
 * raw HTML through, so {@code & < >} become entities, and line breaks are folded so text cannot start a heading
 * or a list item of its own. Used in templates as {@code {value.md}} and, in table cells, {@code {value.cell}}.
 */
@TemplateExtension
public final class Markdown {

    private Markdown() {
    }

    public static String md(String value) {
        if (value == null) return "";
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("[\\r\\n]+", " ").trim();
    }

    public static String cell(String value) {
        return md(value).replace("|", "\\|");
    }
}
