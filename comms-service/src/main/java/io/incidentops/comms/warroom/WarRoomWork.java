package io.incidentops.comms.warroom;

import io.incidentops.platform.worker.Traced;
import java.util.List;

/**
 * What a claimed war room still needs, as it stood at the claim: its channel (null until created), the members to
 * invite, the summary's ts once posted and whether it is pinned, an unarchive or an archive now due, the summary's
 * text, and the trace of the request that asked for the war room.
 */
record WarRoomWork(String incidentId, String status, String name, String channelId, List<String> toInvite,
                   String summaryTs, boolean pinned, boolean unarchive, boolean archive, String summary,
                   String traceparent) implements Traced {
}
