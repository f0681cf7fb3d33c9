package io.incidentops.comms.warroom;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.channel.SlackApi;
import io.incidentops.comms.paging.channel.SlackApi.Reply;
import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Brings each war room to what is wanted, on Slack, outside any transaction: create the channel (or find it after
 * {@code name_taken}), unarchive it after a reopening, invite the members not yet in, post and pin the summary, and
 * archive it once its due time came. Each step is recorded as soon as Slack took it; the first failing step ends the
 * round and the war room is retried after the backoff (or Slack's Retry-After). Each step is counted once its record
 * committed. A crash between a step and its record repeats the step: Slack answers a repeated invite, pin, archive
 * or unarchive as already done, and a channel created twice as {@code name_taken}; only the summary would be posted again.
 */
@ApplicationScoped
public class WarRoomWorker extends ClaimWorker<WarRoomWork> {

    private static final Logger LOG = Logger.getLogger(WarRoomWorker.class);

    @Inject
    WarRooms warRooms;

    @Inject
    SlackWarRoom slackRoom;

    @Inject
    SlackApi slack;

    @Inject
    CommsConfig config;

    @Inject
    MeterRegistry meters;

    @Scheduled(identity = "war-rooms", every = "${incidentops.comms.war-room.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void workDue() {
        for (int i = 0; i < config.warRoom().batchSize(); i++) {
            if (runOnce() == 0) return;
        }
    }

    @Override
    protected List<WarRoomWork> claim() {
        return warRooms.claimNext().stream().toList();
    }

    @Override
    protected String describe(WarRoomWork w) {
        return "war room " + w.name() + " of " + w.incidentId();
    }


    @Override
    protected String spanName() {
        return "war room";
    }

    @Override
    protected void work(WarRoomWork w) {
        String id = w.incidentId();
        Optional<String> unconfigured = slack.unconfigured();
        if (unconfigured.isPresent()) {
            warRooms.unconfigured(id, unconfigured.get());
            return;
        }
        String channel = w.channelId();
        if (channel == null) {
            SlackWarRoom.Channel created = slackRoom.create(w.name());
            if (created.failure() != null) {
                failed(w, "create", created.failure());
                return;
            }
            warRooms.created(id, created.id(), created.name());
            counted("create", "done");
            channel = created.id();
        }
        if (w.unarchive()) {
            if (!took(w, "unarchive", slackRoom.unarchive(channel))) return;
            warRooms.unarchived(id);
            counted("unarchive", "done");
        } else if (WarRoom.ARCHIVED.equals(w.status())) {
            warRooms.done(id);
            return;
        }
        for (String user : w.toInvite()) {
            Reply invited = slackRoom.invite(channel, user);
            if (!invited.ok() && SlackWarRoom.USER_REFUSED.contains(invited.error())) {
                warRooms.invited(id, user, "slack: " + invited.error());
                counted("invite", "failed");
                LOG.warnf("%s: Slack refused to invite %s (%s)", describe(w), user, invited.error());
            } else if (took(w, "invite", invited)) {
                warRooms.invited(id, user, null);
                counted("invite", "done");
            } else {
                return;
            }
        }
        String ts = w.summaryTs();
        if (ts == null) {
            Reply posted = slackRoom.post(channel, w.summary());
            if (!took(w, "summary", posted)) return;
            ts = posted.body().path("ts").asText();
            warRooms.summaryPosted(id, ts);
            counted("summary", "done");
        }
        if (!w.pinned()) {
            if (!took(w, "pin", slackRoom.pin(channel, ts))) return;
            warRooms.pinned(id);
            counted("pin", "done");
        }
        if (w.archive()) {
            if (!took(w, "archive", slackRoom.archive(channel))) return;
            warRooms.archived(id);
            counted("archive", "done");
        }
        warRooms.done(id);
    }

    /** @return true when Slack took the step; otherwise the failure is recorded and the round ends */
    private boolean took(WarRoomWork w, String step, Reply reply) {
        if (reply.ok()) return true;
        failed(w, step, reply);
        return false;
    }

    private void failed(WarRoomWork w, String step, Reply reply) {
        String error = "slack " + step + ": " + reply.error();
        boolean retry = warRooms.failed(w.incidentId(), error, reply.retryAfter());
        LOG.warnf("%s: %s (%s)", describe(w), error, retry ? "will retry" : "gave up");
        counted(step, retry ? "retry" : "failed");
    }

    private void counted(String step, String outcome) {
        meters.counter("incidentops.comms.war-room.steps", "step", step, "outcome", outcome).increment();
    }
}
