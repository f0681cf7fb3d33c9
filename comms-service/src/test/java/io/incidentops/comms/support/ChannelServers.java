package io.incidentops.comms.support;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The Slack, Teams, ntfy and two Twilio-compatible providers of the tests: paths on one WireMock server. */
public record ChannelServers(WireMockServer server) {
    public static final String SLACK_TOKEN = "xoxb-test-token";
    public static final String NTFY_TOKEN = "tk_testntfytoken";
    public static final String SLACK = "/slack/api";
    public static final String TEAMS = "/teams/oncall";
    public static final String NTFY = "/ntfy";
    /** Account SID, token and number of the first and of the backup provider. */
    public static final String PRIMARY = "/twilio-primary", PRIMARY_SID = "ACprimary", PRIMARY_TOKEN = "primary-secret",
            PRIMARY_FROM = "+15550000001";
    public static final String BACKUP = "/twilio-backup", BACKUP_SID = "ACbackup", BACKUP_TOKEN = "backup-secret",
            BACKUP_FROM = "+15550000002";

    public static String messages(String provider, String sid) {
        return provider + "/2010-04-01/Accounts/" + sid + "/Messages.json";
    }

    public static String calls(String provider, String sid) {
        return provider + "/2010-04-01/Accounts/" + sid + "/Calls.json";
    }
}
