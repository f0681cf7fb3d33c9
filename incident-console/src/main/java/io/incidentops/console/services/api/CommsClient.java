package io.incidentops.console.services.api;

import io.incidentops.console.services.CommsViews.PublicUpdate;
import io.incidentops.console.services.CommsViews.UpdateRequest;
import io.incidentops.console.services.ProblemReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** comms-service's commander updates: the preview is exactly what the status page will show. */
@RegisterRestClient(configKey = "comms")
@RegisterProvider(CommsClient.Problems.class)
@Path("/api/incidents/{id}/updates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CommsClient {

    @POST
    @Path("/preview")
    PublicUpdate preview(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId,
                         UpdateRequest body);

    /** The published update (its {@code update} is the same shape as the preview). */
    @POST
    Published publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String incidentId,
                      UpdateRequest body);

    record Published(String id, PublicUpdate update) {
    }

    class Problems extends ProblemReader {
        @Override
        protected String service() {
            return "comms-service";
        }
    }
}
