package io.incidentops.comms.statuspage.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** Atlassian Statuspage public API v2 shapes: snake_case names, nulls written (as Statuspage does). */
public final class StatuspageJson {

    private StatuspageJson() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(String id, String name, String url, String timeZone, String updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Status(String indicator, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Component(String id, String name, String status, String createdAt, String updatedAt, int position,
                            String description, boolean showcase, String startDate, String groupId, String pageId,
                            boolean group, boolean onlyShowIfDegraded) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AffectedComponent(String code, String name, String oldStatus, String newStatus) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IncidentUpdate(String id, String status, String body, String incidentId, String createdAt,
                                 String updatedAt, String displayAt, List<AffectedComponent> affectedComponents,
                                 boolean deliverNotifications, String customTweet, String tweetId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Incident(String id, String name, String status, String createdAt, String updatedAt,
                           String monitoringAt, String resolvedAt, String impact, String shortlink, String startedAt,
                           String pageId, List<IncidentUpdate> incidentUpdates, List<Component> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(Page page, Status status, List<Component> components, List<Incident> incidents,
                          List<Object> scheduledMaintenances) {
    }

    public record StatusResponse(Page page, Status status) {
    }

    public record ComponentsResponse(Page page, List<Component> components) {
    }

    public record IncidentsResponse(Page page, List<Incident> incidents) {
    }
}
