package io.incidentops.comms.warroom;

import java.time.Instant;

/** A Slack user to have in the war room: invited when Slack took them, or refused for good with Slack's error. */
public record WarRoomMember(String userId, Instant addedAt, Instant invitedAt, String error) {
}
