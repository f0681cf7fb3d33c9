package io.incidentops.console.services.api;

import io.incidentops.console.services.ExecutorViews.Confirmation;
import io.incidentops.console.services.ExecutorViews.Diagnostics;
import io.incidentops.console.services.ExecutorViews.Mitigation;
import io.incidentops.console.services.ExecutorViews.MitigationPreview;
import io.incidentops.console.services.ExecutorViews.MitigationRequest;
import io.incidentops.console.services.ExecutorViews.Run;
import io.incidentops.console.services.ProblemReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** runbook-executor's runbook runs, diagnostics and mitigations. */
@RegisterRestClient(configKey = "executor")
@RegisterProvider(ExecutorClient.Problems.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ExecutorClient {

    @GET
    @Path("/incidents/{id}/runbook-runs")
    List<Run> runs(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId);

    @POST
    @Path("/runbook-runs/{runId}/steps/{step}/confirm")
    void confirm(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("runId") String runId,
                 @PathParam("step") int step, Confirmation body);

    @GET
    @Path("/incidents/{id}/diagnostics")
    Diagnostics diagnostics(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId);

    @GET
    @Path("/incidents/{id}/mitigations")
    List<Mitigation> mitigations(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                 @PathParam("id") String incidentId);

    @POST
    @Path("/incidents/{id}/mitigations/preview")
    MitigationPreview previewMitigation(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                        @PathParam("id") String incidentId, MitigationRequest body);

    /** 201 applied, 202 awaiting a commander's approval; a failed action is a 502 problem. */
    @POST
    @Path("/incidents/{id}/mitigations")
    Mitigation applyMitigation(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                               @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @PathParam("id") String incidentId, MitigationRequest body);

    @POST
    @Path("/incidents/{id}/mitigations/{mitigationId}/approve")
    Mitigation approveMitigation(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                 @PathParam("id") String incidentId, @PathParam("mitigationId") String mitigationId);

    class Problems extends ProblemReader {
        @Override
        protected String service() {
            return "runbook-executor";
        }
    }
}
