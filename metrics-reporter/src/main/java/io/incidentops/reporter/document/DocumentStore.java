package io.incidentops.reporter.document;

import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * The rendered documents of an incident: each one written to the reports directory and kept in the database, so any
 * replica serves it. Saved in the transaction of the event that caused it; the file goes first (same name on a
 * retry, atomic replace), so a rolled-back attempt leaves a file that the retry simply rewrites.
 */
@ApplicationScoped
@Transactional
public class DocumentStore {

    @Inject
    ReportFiles files;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    /** Writes {@code fileName} and stores the document of this incident and kind (replacing an earlier one). */
    public ReportDocument save(String incidentId, String kind, String fileName, String content, Instant renderedAt) {
        String location = files.write(fileName, content).toString();
        ReportDocument doc = ReportDocument.find(incidentId, kind).orElseGet(ReportDocument::new);
        boolean isNew = doc.incidentId == null;
        doc.incidentId = incidentId;
        doc.kind = kind;
        doc.location = location;
        doc.content = content;
        doc.renderedAt = renderedAt;
        if (isNew) doc.persist();
        afterCommit.run(() -> registry.counter("incidentops.reporter.documents", "kind", kind).increment());
        return doc;
    }

    /**
     * Takes back every document of the incident (a reopened incident has no report until it is resolved again). The
     * files stay: they are what was written for that resolution, and the next resolution writes its own.
     */
    public void withdraw(String incidentId) {
        ReportDocument.delete("incidentId", incidentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ReportDocument> find(String incidentId, String kind) {
        return ReportDocument.find(incidentId, kind);
    }
}
