package io.incidentops.console.services.api;

import io.incidentops.console.services.ProblemReader;
import io.incidentops.console.services.ReporterViews.Timeline;
import io.incidentops.console.services.ReporterViews.Weekly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** metrics-reporter's timeline, documents (Markdown) and weekly MTTR/SLA figures. */
@RegisterRestClient(configKey = "reporter")
@RegisterProvider(ReporterClient.Problems.class)
@Path("/api")
public interface ReporterClient {

    @GET
    @Path("/incidents/{id}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    Timeline timeline(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId);

    @GET
    @Path("/incidents/{id}/report")
    @Produces("text/markdown")
    String report(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId);

    @GET
    @Path("/incidents/{id}/pir")
    @Produces("text/markdown")
    String pir(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId);

    @GET
    @Path("/metrics/mttr/weekly")
    @Produces(MediaType.APPLICATION_JSON)
    Weekly weekly(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("weeks") int weeks);

    class Problems extends ProblemReader {
        @Override
        protected String service() {
            return "metrics-reporter";
        }
    }
}
