package io.incidentops.comms.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.incidentops.comms.support.ChannelServers.*;

/**
 * The page channels' providers as one WireMock server answering as they do when all is well (Slack
 * {@code {"ok":true}}, Teams 202, ntfy its message JSON, Twilio 201 with a sid); tests add their own failures at a
 * higher priority for addresses of their own. Comms is configured with both SMS/voice providers, primary first.
 */
public class ChannelServersResource implements QuarkusTestResourceLifecycleManager {

    /** The test profile under which Slack has no token (its war rooms and pages are 'unconfigured'). */
    public static final String NO_SLACK_PROFILE = "io.incidentops.comms.WarRoomUnconfiguredTest$NoSlack";

    private WireMockServer server;
    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo(SLACK + "/chat.postMessage")).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"D0TEST\",\"ts\":\"1700000000.000100\"}")));
        // the war room's calls: whatever is asked succeeds (tests stub conversations.create for their own channel)
        for (String method : new String[]{"conversations.invite", "pins.add", "conversations.archive",
                "conversations.unarchive"}) {
            server.stubFor(post(urlPathEqualTo(SLACK + "/" + method)).atPriority(10).willReturn(aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        }
        server.stubFor(post(urlPathMatching("/teams/.*")).atPriority(10).willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlPathMatching(NTFY + "/.*")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ntfy0msg1\",\"event\":\"message\",\"topic\":\"t\"}")));
        for (String[] p : new String[][]{{PRIMARY, PRIMARY_SID, "primary"}, {BACKUP, BACKUP_SID, "backup"}}) {
            server.stubFor(post(urlPathEqualTo(messages(p[0], p[1]))).atPriority(10).willReturn(aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM" + p[2] + "1\",\"status\":\"queued\"}")));
            server.stubFor(post(urlPathEqualTo(calls(p[0], p[1]))).atPriority(10).willReturn(aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"CA" + p[2] + "1\",\"status\":\"queued\"}")));
            // delivery receipts: what became of the message and the call
            server.stubFor(get(urlPathEqualTo(p[0] + "/2010-04-01/Accounts/" + p[1] + "/Messages/SM" + p[2] + "1.json"))
                    .atPriority(10).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"SM" + p[2] + "1\",\"status\":\"delivered\"}")));
            server.stubFor(get(urlPathEqualTo(p[0] + "/2010-04-01/Accounts/" + p[1] + "/Calls/CA" + p[2] + "1.json"))
                    .atPriority(10).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"CA" + p[2] + "1\",\"status\":\"completed\"}")));
        }
        String base = "http://127.0.0.1:" + server.port();
        Map<String, String> config = new HashMap<>();
        String c = "incidentops.comms.channels.";
        config.put(c + "slack.base-url", base + SLACK);
        if (!NO_SLACK_PROFILE.equals(profile)) config.put(c + "slack.token", SLACK_TOKEN);
        config.put(c + "teams.webhooks.oncall", base + TEAMS);
        config.put(c + "teams.allowed-hosts", "127.0.0.1");
        config.put(c + "ntfy.base-url", base + NTFY);
        config.put(c + "ntfy.token", NTFY_TOKEN);
        provider(config, 0, "primary", base + PRIMARY, PRIMARY_SID, PRIMARY_TOKEN, PRIMARY_FROM);
        provider(config, 1, "backup", base + BACKUP, BACKUP_SID, BACKUP_TOKEN, BACKUP_FROM);
        return config;
    }

    private static void provider(Map<String, String> config, int i, String name, String url, String sid, String token,
                                 String from) {
        String p = "incidentops.comms.channels.twilio.providers[" + i + "].";
        config.put(p + "name", name);
        config.put(p + "base-url", url);
        config.put(p + "account-sid", sid);
        config.put(p + "auth-token", token);
        config.put(p + "from", from);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new ChannelServers(server), new TestInjector.MatchesType(ChannelServers.class));
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
    }
}
