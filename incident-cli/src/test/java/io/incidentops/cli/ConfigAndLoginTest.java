package io.incidentops.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.incidentops.cli.support.Environment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Where the configuration comes from (file < environment < options) and what {@code login} stores. */
class ConfigAndLoginTest {

    @RegisterExtension
    static WireMockExtension file = CliRun.fakeService();
    @RegisterExtension
    static WireMockExtension env = CliRun.fakeService();
    @RegisterExtension
    static WireMockExtension option = CliRun.fakeService();

    private static final String EMPTY = "{\"items\":[],\"page\":0,\"size\":50,\"total\":0}";

    @TempDir
    Path home;

    private Path defaultConfig;

    @BeforeEach
    void everyIntakeAnswers() {
        file.stubFor(get(urlPathEqualTo("/api/incidents")).willReturn(okJson(EMPTY)));
        env.stubFor(get(urlPathEqualTo("/api/incidents")).willReturn(okJson(EMPTY)));
        option.stubFor(get(urlPathEqualTo("/api/incidents")).willReturn(okJson(EMPTY)));
        defaultConfig = home.resolve(".config/incidentops/config");
    }

    private void writeConfig(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void theConfigFileInTheHomeDirectoryIsReadFirst() throws IOException {
        writeConfig(defaultConfig, "# mine\nINTAKE_URL=" + file.baseUrl() + "\nTOKEN='file token'\n");

        CliRun run = CliRun.run(Map.of(), home, "incidents", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        file.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer file token")));
    }

    @Test
    void environmentVariablesOverrideTheFileAndOptionsOverrideBoth() throws IOException {
        writeConfig(defaultConfig, "INTAKE_URL=" + file.baseUrl() + "\nTOKEN=from-file\n");

        CliRun byEnv = CliRun.run(Map.of("INTAKE_URL", env.baseUrl()), home, "incidents", "list");
        CliRun byEnvToken = CliRun.run(Map.of("INTAKE_URL", env.baseUrl(), "TOKEN", "from-env"), home, "incidents", "list");
        CliRun byOption = CliRun.run(Map.of("INTAKE_URL", env.baseUrl(), "TOKEN", "from-env"), home,
                "incidents", "list", "--intake-url", option.baseUrl(), "--token", "from-option");

        assertThat(List.of(byEnv.exitCode(), byEnvToken.exitCode(), byOption.exitCode())).containsOnly(0);
        file.verify(0, getRequestedFor(urlPathEqualTo("/api/incidents")));
        env.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer from-file")));
        env.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer from-env")));
        option.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer from-option")));
    }

    @Test
    void incidentopsConfigNamesAnotherFileAndStackEnvServesAsOne() throws IOException {
        Path stackEnv = home.resolve("stack.env");
        // as deploy/local writes it: shell-quoted values, ADMIN_TOKEN for the token
        writeConfig(stackEnv, "# IncidentOps local stack\nINTAKE_URL=" + file.baseUrl()
                + "\nADMIN_TOKEN='ey.it'\"'\"'s.sig'\nKAFKA_BOOTSTRAP=127.0.0.1:1\n");
        writeConfig(defaultConfig, "INTAKE_URL=" + env.baseUrl() + "\nTOKEN=ignored\n");

        CliRun run = CliRun.run(Map.of("INCIDENTOPS_CONFIG", stackEnv.toString()), home, "incidents", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        file.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer ey.it's.sig")));
        env.verify(0, getRequestedFor(urlPathEqualTo("/api/incidents")));
    }

    @Test
    void adminTokenInTheEnvironmentStandsInForToken() {
        CliRun run = CliRun.run(Map.of("INTAKE_URL", env.baseUrl(), "ADMIN_TOKEN", "admin"), home, "incidents", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        env.verify(getRequestedFor(urlPathEqualTo("/api/incidents")).withHeader("Authorization", equalTo("Bearer admin")));
    }

    @Test
    void loginFromTheStackEnvStoresUrlsTokenAndKeyReadableByTheOwnerOnly() throws IOException {
        Path stackEnv = home.resolve("stack.env");
        String token = jwt("{\"upn\":\"admin\",\"groups\":[\"viewer\",\"admin\"],\"exp\":4102444800}");
        writeConfig(stackEnv, "INTAKE_URL=http://127.0.0.1:8081\nINTAKE_URLS=http://127.0.0.1:8081\n"
                + "EXECUTOR_URL=http://127.0.0.1:8082\nCOMMS_URL=http://127.0.0.1:8083\nREPORTER_URL=http://127.0.0.1:8084\n"
                + "CONSOLE_URL=http://127.0.0.1:8085\nADMIN_TOKEN=" + token + "\nINTEGRATION_KEY=abc123\nJDBC_PASSWORD=postgres\n");

        CliRun run = CliRun.run(Map.of(), home, "login", "--from-stack-env", stackEnv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Saved to " + defaultConfig,
                "Token for admin (roles: viewer, admin), valid until 2100-01-01 00:00:00Z.");
        assertThat(Files.readAllLines(defaultConfig)).containsExactly(
                "# incidentops CLI configuration (written by `incidentops login`)",
                "INTAKE_URL=http://127.0.0.1:8081", "EXECUTOR_URL=http://127.0.0.1:8082",
                "COMMS_URL=http://127.0.0.1:8083", "REPORTER_URL=http://127.0.0.1:8084",
                "CONSOLE_URL=http://127.0.0.1:8085", "TOKEN=" + token, "INTEGRATION_KEY=abc123");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaultConfig))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaultConfig.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void loginWithATokenKeepsTheStoredUrlsAndWritesWhereIncidentopsConfigSays() throws IOException {
        Path config = home.resolve("elsewhere/config");
        writeConfig(config, "INTAKE_URL=http://intake.example.com\nTOKEN=old\n");

        CliRun run = CliRun.run(Map.of("INCIDENTOPS_CONFIG", config.toString()), home,
                "login", "--token", "new-opaque", "--comms-url", "https://comms.example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("not a JWT");
        assertThat(Files.readAllLines(config)).contains("INTAKE_URL=http://intake.example.com",
                "COMMS_URL=https://comms.example.com", "TOKEN=new-opaque");
        assertThat(Files.exists(defaultConfig)).isFalse();
    }

    @Test
    void loginWithoutTokenAsksForOneAndStoresIt() throws IOException {
        List<String> questions = new ArrayList<>();
        Environment asking = new Environment(Map.of(), home, question -> {
            questions.add(question);
            return "typed-token\n";
        });

        CliRun run = CliRun.run(asking, "login", "--intake-url", "http://127.0.0.1:8081");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(questions).containsExactly("Token (bearer JWT) for http://127.0.0.1:8081: ");
        assertThat(Files.readAllLines(defaultConfig)).contains("TOKEN=typed-token");
    }

    @Test
    void loginWithNoAnswerOrNoUrlStoresNothing() {
        CliRun noAnswer = CliRun.run(Map.of(), home, "login", "--intake-url", "http://127.0.0.1:8081");
        CliRun noUrl = CliRun.run(Map.of(), home, "login", "--token", "t");
        CliRun noStack = CliRun.run(Map.of(), home, "login", "--from-stack-env", home.resolve("missing.env").toString());

        assertThat(List.of(noAnswer.exitCode(), noUrl.exitCode(), noStack.exitCode())).containsOnly(2);
        assertThat(noAnswer.err()).contains("no token given");
        assertThat(noUrl.err()).contains("login needs --intake-url");
        assertThat(noStack.err()).contains("missing.env does not exist");
        assertThat(Files.exists(defaultConfig)).isFalse();
    }

    @Test
    void anExpiredTokenIsCalledSo() {
        String token = jwt("{\"sub\":\"bob\",\"exp\":" + Instant.parse("2020-01-01T00:00:00Z").getEpochSecond() + "}");

        CliRun run = CliRun.run(Map.of(), home, "login", "--intake-url", "http://x", "--token", token);

        assertThat(run.out()).contains("Token for bob (no roles), EXPIRED at 2020-01-01 00:00:00Z.");
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
