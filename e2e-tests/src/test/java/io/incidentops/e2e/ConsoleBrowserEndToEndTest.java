package io.incidentops.e2e;

import io.incidentops.local.LocalStack;
import io.restassured.http.ContentType;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The responders' console in a real browser (headless Chromium, {@link ChromiumBrowser}) against the packaged stack
 * ({@link SharedStack}, which starts the console as deploy/local does): a commander signs in with one click, sees an
 * alert's incident appear in the open list without a reload, acknowledges it, tells customers (previewed, then on
 * the public status page), resolves it with a root cause and reads its report; a viewer sees no actions, and the
 * acknowledge form submitted anyway (with a valid CSRF token) is refused with 403.
 */
@ExtendWith(ChromiumBrowser.class) // first: no browser, no stack started for nothing
@ExtendWith(SharedStack.class)
class ConsoleBrowserEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /**
     * Counts the EventSource connections a page opens (installed before any page script runs): the test fires the
     * alert only once the page listens, so that "appears without reload" cannot depend on timing.
     */
    private static final String COUNT_OPEN_EVENT_SOURCES = """
            (function () {
              var Original = window.EventSource;
              if (!Original) return;
              window.__openEventSources = 0;
              window.EventSource = function (url, options) {
                var source = new Original(url, options);
                source.addEventListener("open", function () { window.__openEventSources++; });
                return source;
              };
              window.EventSource.prototype = Original.prototype;
            })();""";

    private static LocalStack stack;
    private static String console;

    @BeforeAll
    static void useSharedStack() {
        stack = SharedStack.stack();
        console = stack.url("incident-console");
    }

    @Test
    void aCommanderFollowsAnAlertFromTheLiveListToTheReport(ChromeDriver browser) throws IOException {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_OPEN_EVENT_SOURCES));
        signIn(browser, "commander", "casey");
        String service = "console-e2e-" + unique();

        // 1. The open incidents of this (new) service: none yet; the page listens to the console's events
        browser.get(console + "/?service=" + service);
        assertThat(browser.findElements(By.cssSelector("#incidents tr[data-incident-id]"))).isEmpty();
        patiently().until(() -> number(browser.executeScript("return window.__openEventSources || 0")) > 0);
        browser.executeScript("window.__sameDocument = 'still here';");

        // 2. An alert arrives; its incident appears in the table while the same document stays loaded
        String id = fireAlert(service, "P1", "Checkout answers 503 to every payment");
        By row = By.cssSelector("#incidents tr[data-incident-id='" + id + "']");
        patiently().until(() -> !browser.findElements(row).isEmpty());
        assertThat(browser.executeScript("return window.__sameDocument")).as("no reload").isEqualTo("still here");

        // 3. Open it, acknowledge
        click(browser, row, By.linkText(id));
        patiently().until(() -> browser.getCurrentUrl().endsWith("/incidents/" + id));
        assertThat(browser.findElement(By.id("severity")).getText()).startsWith("P1");
        click(browser, By.id("acknowledge"));
        patiently().until(() -> !browser.findElement(By.id("acknowledged")).getText().startsWith("not yet"));
        assertThat(browser.findElements(By.id("acknowledge-form"))).as("acknowledged once").isEmpty();

        // 4. A public update: the preview shows what customers will read, then it is posted and on the status page
        String message = "Payments fail at checkout, we are rolling back the morning release " + unique(); // no HTML escapes
        patiently().until(() -> commsKnowsThePublicIncident(id)); // comms opens it on the declaration
        browser.findElement(By.id("update-message")).sendKeys(message);
        new Select(browser.findElement(By.id("update-status"))).selectByValue("identified");
        browser.findElement(By.cssSelector("#update-form button[type=submit]")).click();
        patiently().until(() -> browser.getCurrentUrl().contains("/updates/preview")
                || !browser.findElements(By.cssSelector("form[action$='/updates']")).isEmpty());
        assertThat(browser.findElement(By.tagName("main")).getText()).as("the preview").contains(message);
        browser.findElement(By.cssSelector("form[action$='/updates'] button[type=submit]")).click();
        patiently().until(() -> browser.getCurrentUrl().endsWith("/incidents/" + id));
        String statusPage = stack.url("comms-service") + "/";
        patiently().until(() -> given().get(statusPage).then().statusCode(200).extract().asString()
                .contains(message));
        patiently().until(() -> given().get(stack.url("comms-service") + "/api/v2/incidents.json")
                .then().statusCode(200).extract().asString().contains(message));
        saveIncidentScreenshot(browser, id);

        // 5. Resolve with the root cause, then read the report (written by the reporter once it hears of it)
        browser.findElement(By.id("root-cause-input")).sendKeys("Release 1.4.2 exhausted the payment gateway's pool");
        browser.findElement(By.cssSelector("#resolve-form button[type=submit]")).click();
        patiently().until(() -> browser.findElement(By.id("status")).getText().contains("RESOLVED"));
        // the reporter writes the report once it hears of the resolution; then the link opens it
        patiently().until(() -> given().baseUri(stack.url("metrics-reporter")).auth().oauth2(adminToken())
                .get("/api/incidents/" + id + "/report").statusCode() == 200);
        click(browser, By.linkText("Incident report"));
        patiently().until(() -> browser.getPageSource().contains("Incident Report: " + id));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Incident Report: " + id, "Root Cause");
    }

    @Test
    void aViewerSeesNoActionsAndTheConsoleRefusesTheirAcknowledgement(ChromeDriver browser) {
        String id = fireAlert("console-e2e-" + unique(), "P3", "Queue depth above 10k");
        signIn(browser, "viewer", "vic");

        browser.get(console + "/incidents/" + id);
        assertThat(browser.findElement(By.id("status")).getText()).isNotBlank();
        assertThat(browser.findElements(By.id("actions"))).as("no actions section").isEmpty();
        assertThat(browser.findElements(By.cssSelector("main form[method=post]")))
                .as("no action forms (nor their buttons) for a viewer").isEmpty();

        // the acknowledge form, submitted anyway from the page with the page's own valid CSRF token
        WebElement csrf = browser.findElement(By.cssSelector("form[action='/sign-out'] input[type=hidden]"));
        Object status = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var body = new URLSearchParams();
                body.append(arguments[1], arguments[2]);
                fetch(arguments[0], {method: "POST", body: body, credentials: "same-origin", redirect: "manual"})
                  .then(function (r) { done(r.status); }, function (e) { done(String(e)); });""",
                "/incidents/" + id + "/acknowledge", csrf.getAttribute("name"), csrf.getAttribute("value"));
        assertThat(number(status)).as("the acknowledge form posted by a viewer").isEqualTo(403);
        String state = given().baseUri(stack.url("incident-intake")).auth().oauth2(adminToken())
                .get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath().getString("acknowledgedAt");
        assertThat(state).as("not acknowledged").isNull();
    }

    /** The development sign-in: one click on the role's button (a fresh session: earlier cookies are dropped). */
    private static void signIn(ChromeDriver browser, String role, String user) {
        browser.get(console + "/sign-in");
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        browser.findElement(By.id("dev-user")).sendKeys(user);
        browser.findElement(By.id("sign-in-" + role)).click();
        patiently().until(() -> !browser.findElements(By.id("signed-in-user")).isEmpty());
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(user);
    }

    /** A generic alert with the stack's integration key, as a monitoring system sends it; returns its incident. */
    private static String fireAlert(String service, String severity, String summary) {
        String body = """
                {"service": "%s", "severity": "%s", "summary": "%s", "fingerprint": "%s",
                 "labels": {"team": "payments"}}""".formatted(service, severity, summary, unique());
        return given().baseUri(stack.url("incident-intake"))
                .header("Authorization", "Bearer " + stack.infra().integrationKey())
                .contentType(ContentType.JSON).body(body)
                .post("/api/alerts").then().statusCode(202).extract().jsonPath().getString("incidentId");
    }

    /** Comms answers a preview once it has the incident's public (status page) incident. */
    private static boolean commsKnowsThePublicIncident(String id) {
        return given().baseUri(stack.url("comms-service")).auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"status\":\"investigating\",\"body\":\"probe\"}")
                .post("/api/incidents/" + id + "/updates/preview").statusCode() == 200;
    }

    /**
     * The incident page as the README shows it (docs/images/console-incident.png is a copy). Taken on the page the
     * browser shows (its timeline is live): reloading a page whose event stream is open timed the driver out.
     */
    private static void saveIncidentScreenshot(ChromeDriver browser, String id) throws IOException {
        assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + id);
        patiently().until(() -> browser.findElements(By.cssSelector("#timeline li")).size() >= 3);
        Files.createDirectories(ChromiumBrowser.dir());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), ChromiumBrowser.dir().resolve("console-incident.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Awaitility for the live pages: live.js swaps in fresh parts of the page when an event arrives, so an element
     * found a moment ago may be gone; it is looked up again on the next poll.
     */
    private static ConditionFactory patiently() {
        return await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class);
    }

    /** Clicks the element found by {@code path} (each step inside the previous one), found again if a live update replaced it. */
    private static void click(ChromeDriver browser, By... path) {
        patiently().until(() -> {
            WebElement element = browser.findElement(path[0]);
            for (int i = 1; i < path.length; i++) element = element.findElement(path[i]);
            element.click();
            return true;
        });
    }

    private static String adminToken() {
        return stack.infra().security().token("e2e-admin", Set.of("viewer", "responder", "commander", "admin"),
                Duration.ofMinutes(10));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
