package io.incidentops.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A refusal prints the service's problem (title, detail, fields) to stderr and exits with the code of its kind. */
class ErrorMappingTest {

    @RegisterExtension
    static WireMockExtension service = CliRun.fakeService();

    @TempDir
    Path home;

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("INTAKE_URL", service.baseUrl(), "TOKEN", "t0k3n"), home, args);
    }

    private static void problem(int status, String title, String detail) {
        service.stubFor(get(urlPathEqualTo("/api/incidents/INC-1")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "401, Unauthorized, no valid token, 3",
            "403, Forbidden, role viewer may not do this, 3",
            "404, Not Found, incident INC-1 does not exist, 4",
            "409, Conflict, incident INC-1 is already resolved, 1",
            "500, Internal Server Error, database unavailable, 5",
            "503, Service Unavailable, draining, 5"})
    void eachStatusHasItsExitCodeAndTheProblemGoesToStderr(int status, String title, String detail, int exitCode) {
        problem(status, title, detail);

        CliRun run = cli("incidents", "show", "INC-1");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("incidentops: intake answered " + status + " " + title + ": " + detail);
    }

    @Test
    void fieldErrorsAreListed() {
        service.stubFor(post(urlPathEqualTo("/api/incidents/INC-1/severity")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid request",
                         "errors":[{"field":"severity","message":"unknown severity 'P9'"}]}""")));

        CliRun run = cli("incidents", "severity", "INC-1", "P9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("""
                incidentops: intake answered 400 Bad Request: invalid request
                  severity: unknown severity 'P9'
                """);
    }

    @Test
    void anAnswerThatIsNoProblemIsShownShortAndSafe() {
        service.stubFor(get(urlPathEqualTo("/api/incidents/INC-1")).willReturn(aResponse().withStatus(502)
                .withBody("<html>bad gateway\u001b[2J</html>")));

        CliRun run = cli("incidents", "show", "INC-1");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("intake answered 502: <html>bad gateway [2J</html>").doesNotContain("\u001b");
    }

    @Test
    void unauthorisedSuggestsANewLogin() {
        problem(401, "Unauthorized", "expired");

        assertThat(cli("incidents", "show", "INC-1").err()).contains("incidentops login");
    }

    @Test
    void anUnreachableServiceIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free, and closed again: nobody listens there
        }
        CliRun run = CliRun.run(Map.of("INTAKE_URL", "http://127.0.0.1:" + port, "TOKEN", "t"), home,
                "incidents", "list");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("cannot reach intake at http://127.0.0.1:" + port, "connection refused");
    }

    @Test
    void nothingConfiguredIsAUsageErrorThatNamesTheWaysToConfigure() {
        CliRun run = CliRun.run(Map.of(), home, "incidents", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no INTAKE_URL configured", "--intake-url", "incidentops login",
                home.resolve(".config/incidentops/config").toString());
    }

    @Test
    void aNonHttpUrlIsRefusedBeforeAnyCall() {
        CliRun run = CliRun.run(Map.of("INTAKE_URL", "file:///etc/passwd", "TOKEN", "t"), home, "incidents", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not an http(s) URL for intake");
    }

    @Test
    void everyCommandHasHelpWithTheExitCodes() {
        CliRun help = cli("incidents", "list", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: incidentops incidents list", "--severity=P0..P4", "--json",
                "3   not authenticated or not allowed (401, 403)");
        assertThat(service.getAllServeEvents()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli("incidents", "bogus").exitCode()).isEqualTo(2);
        assertThat(cli("incidents").exitCode()).isEqualTo(2);
        assertThat(cli("incidents", "severity", "INC-1").exitCode()).isEqualTo(2);
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
