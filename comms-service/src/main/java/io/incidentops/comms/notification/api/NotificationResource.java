package io.incidentops.comms.notification.api;

import io.incidentops.comms.notification.NotificationService;
import io.incidentops.comms.notification.NotificationView;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/** The messages comms sent, newest first: what operators check when a stakeholder says "we heard nothing". */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    NotificationService notifications;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<NotificationView> list(@QueryParam("incidentId") String incidentId,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return notifications.recent(Optional.ofNullable(incidentId).filter(s -> !s.isBlank()), limit);
    }
}
