package io.incidentops.events;

import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.comms.WarRoomArchived;
import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.executor.RunbookStepCompleted;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.events.reporter.PirScheduled;
import io.incidentops.events.reporter.ReportPublished;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract: its short name, its CloudEvents {@code type}
 * ({@code io.incidentops.<name>.v1}) and the record that carries its {@code data}.
 */
public enum EventType {
    INCIDENT_DECLARED("incident.declared", IncidentDeclared.class),
    INCIDENT_ALERT_ATTACHED("incident.alert-attached", AlertAttached.class),
    INCIDENT_SEVERITY_CHANGED("incident.severity-changed", SeverityChanged.class),
    INCIDENT_ESCALATED("incident.escalated", IncidentEscalated.class),
    INCIDENT_RESPONDERS_PAGED("incident.responders-paged", RespondersPaged.class),
    INCIDENT_COMMANDER_ASSIGNED("incident.commander-assigned", CommanderAssigned.class),
    INCIDENT_WAR_ROOM_OPENED("incident.war-room-opened", WarRoomOpened.class),
    INCIDENT_ACKNOWLEDGED("incident.acknowledged", IncidentAcknowledged.class),
    INCIDENT_STATUS_CHANGED("incident.status-changed", StatusChanged.class),
    INCIDENT_RESOLVED("incident.resolved", IncidentResolved.class),
    INCIDENT_REOPENED("incident.reopened", IncidentReopened.class),
    INCIDENT_ALERT_ACTIVITY("incident.alert-activity", AlertActivity.class),
    INCIDENT_ALERTS_RESOLVED("incident.alerts-resolved", AlertsResolved.class),
    INCIDENT_NOTIFICATION_REQUESTED("incident.notification-requested", NotificationRequested.class),
    INCIDENT_PAGING_SUPPRESSED("incident.paging-suppressed", PagingSuppressed.class),

    DIAGNOSTICS_COLLECTED("diagnostics.collected", DiagnosticsCollected.class),
    RUNBOOK_STARTED("runbook.started", RunbookStarted.class),
    RUNBOOK_STEP_COMPLETED("runbook.step-completed", RunbookStepCompleted.class),
    RUNBOOK_COMPLETED("runbook.completed", RunbookCompleted.class),
    MITIGATION_APPLIED("mitigation.applied", MitigationApplied.class),
    MITIGATION_FAILED("mitigation.failed", MitigationFailed.class),
    MITIGATION_APPROVAL_REQUESTED("mitigation.approval-requested", MitigationApprovalRequested.class),
    MITIGATION_APPROVED("mitigation.approved", MitigationApproved.class),
    MITIGATION_REJECTED("mitigation.rejected", MitigationRejected.class),
    ESCALATION_REQUESTED("escalation.requested", EscalationRequested.class),
    RECOVERY_VERIFIED("recovery.verified", RecoveryVerified.class),
    RECOVERY_FAILED("recovery.failed", RecoveryFailed.class),

    COMMS_STATUS_PAGE_UPDATED("comms.status-page-updated", StatusPageUpdated.class),
    COMMS_NOTIFICATION_SENT("comms.notification-sent", NotificationSent.class),
    COMMS_UPDATE_DUE("comms.update-due", UpdateDue.class),
    COMMS_WAR_ROOM_CREATED("comms.war-room-created", WarRoomCreated.class),
    COMMS_WAR_ROOM_ARCHIVED("comms.war-room-archived", WarRoomArchived.class),

    REPORT_PUBLISHED("report.published", ReportPublished.class),
    PIR_SCHEDULED("pir.scheduled", PirScheduled.class),
    PIR_INVITE_REQUESTED("pir.invite-requested", PirInviteRequested.class);

    private static final String PREFIX = "io.incidentops.";
    private static final String VERSION_SUFFIX = ".v1";
    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_DATA_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private final String shortName;
    private final Class<? extends IncidentEventData> dataClass;

    EventType(String shortName, Class<? extends IncidentEventData> dataClass) {
        this.shortName = shortName;
        this.dataClass = dataClass;
    }

    /** e.g. {@code incident.declared} */
    public String shortName() { return shortName; }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.incidentops.incident.declared.v1}. */
    public String ceType() { return PREFIX + shortName + VERSION_SUFFIX; }

    public Class<? extends IncidentEventData> dataClass() { return dataClass; }

    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_CE_TYPE.get(ceType));
    }

    public static EventType of(IncidentEventData data) {
        EventType type = BY_DATA_CLASS.get(data.getClass());
        if (type == null) throw new IllegalArgumentException("not an event of the contract: " + data.getClass().getName());
        return type;
    }
}
