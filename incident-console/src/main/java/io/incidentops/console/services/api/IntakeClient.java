package io.incidentops.console.services.api;

import io.incidentops.console.services.IntakeViews.Acknowledge;
import io.incidentops.console.services.IntakeViews.AddResponder;
import io.incidentops.console.services.IntakeViews.Alert;
import io.incidentops.console.services.IntakeViews.AssignCommander;
import io.incidentops.console.services.IntakeViews.ChangeSeverity;
import io.incidentops.console.services.IntakeViews.Incident;
import io.incidentops.console.services.IntakeViews.Oncalls;
import io.incidentops.console.services.IntakeViews.Page;
import io.incidentops.console.services.IntakeViews.Reopen;
import io.incidentops.console.services.IntakeViews.Resolve;
import io.incidentops.console.services.ProblemReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** incident-intake's incident and on-call API; every call carries the signed-in user's bearer token. */
@RegisterRestClient(configKey = "intake")
@RegisterProvider(IntakeClient.Problems.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IntakeClient {

    @GET
    @Path("/incidents")
    Page<Incident> incidents(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                             @QueryParam("open") Boolean open, @QueryParam("severity") String severity,
                             @QueryParam("service") String service, @QueryParam("status") String status,
                             @QueryParam("team") String team, @QueryParam("page") int page,
                             @QueryParam("size") int size);

    @GET
    @Path("/incidents/{id}")
    Incident incident(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    @GET
    @Path("/incidents/{id}/alerts")
    Page<Alert> alerts(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                       @QueryParam("size") int size);

    @POST
    @Path("/incidents/{id}/acknowledge")
    Incident acknowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                         Acknowledge body);

    @POST
    @Path("/incidents/{id}/severity")
    Incident changeSeverity(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                            ChangeSeverity body);

    @POST
    @Path("/incidents/{id}/commander")
    Incident assignCommander(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                             AssignCommander body);

    @POST
    @Path("/incidents/{id}/responders")
    Incident addResponder(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                          AddResponder body);

    @POST
    @Path("/incidents/{id}/resolve")
    Incident resolve(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                     Resolve body);

    @POST
    @Path("/incidents/{id}/reopen")
    Incident reopen(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id, Reopen body);

    @GET
    @Path("/oncalls")
    Oncalls oncalls(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    class Problems extends ProblemReader {
        @Override
        protected String service() {
            return "incident-intake";
        }
    }
}
