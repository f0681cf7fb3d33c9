package io.incidentops.e2e;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven through Debian's {@code /usr/bin/chromedriver}: both
 * named explicitly, so Selenium Manager never runs and nothing is downloaded. One browser per test class, injected as
 * a {@link ChromeDriver} parameter; profile, temporary files and driver log under {@code e2e-tests/target/browser/};
 * a failed test leaves a screenshot and the page's HTML there.
 *
 * <p>Without the packages the class is skipped with a message saying how to install them, unless
 * {@code INCIDENTOPS_REQUIRE_BROWSER=1} (CI), where it fails. Register it before {@link SharedStack}: a missing browser
 * then fails before minutes are spent starting the stack.
 */
final class ChromiumBrowser implements ExecutionCondition, BeforeAllCallback, AfterTestExecutionCallback,
        ParameterResolver {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRE_ENV = "INCIDENTOPS_REQUIRE_BROWSER";
    /** Fixed, so that pages lay out (and screenshots look) the same on every machine. */
    static final Dimension WINDOW = new Dimension(1280, 900);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumBrowser.class);

    /** A running browser and the files it uses; closing it quits Chromium and deletes its profile. */
    private record Session(ChromeDriver driver, Path profile) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                driver.quit();
            } finally {
                deleteRecursively(profile);
            }
        }
    }

    static Path dir() {
        return Path.of(System.getProperty("incidentops.root", "..")).toAbsolutePath().normalize()
                .resolve("e2e-tests/target/browser");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed() || required()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver at " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        return ConditionEvaluationResult.disabled("no " + CHROMIUM + " or " + CHROMEDRIVER
                + ": the console's browser test is skipped (apt-get install chromium chromium-driver; "
                + REQUIRE_ENV + "=1 makes this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            throw new IllegalStateException(REQUIRE_ENV + "=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        // the store quits it (AutoCloseable) when the class is done
        context.getStore(NAMESPACE).put(Session.class, start());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        ChromeDriver driver = driver(context);
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(dir());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir().resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir().resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                    + driver.getPageSource());
            System.out.println("[browser] screenshot of the failure: " + dir().resolve(name + ".png"));
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] no screenshot of the failure: " + e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChromeDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return driver(context);
    }

    private static ChromeDriver driver(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Session.class, Session.class).driver();
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static boolean required() {
        String value = System.getenv(REQUIRE_ENV);
        return value != null && (value.trim().equals("1") || value.trim().equalsIgnoreCase("true"));
    }

    /** Starts headless Chromium with its profile and temporary files under target/, not in the home or /tmp. */
    private static Session start() throws IOException {
        Path profile = dir().resolve("profile-" + UUID.randomUUID().toString().substring(0, 8));
        Path tmp = dir().resolve("tmp");
        Files.createDirectories(profile);
        Files.createDirectories(tmp);
        // belt and braces: with the driver named, Selenium does not look for one (no Selenium Manager, no download)
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", tmp.toString()))
                .withLogFile(dir().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(),
                // root in CI has no user namespace sandbox; /dev/shm is small in containers
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--user-data-dir=" + profile,
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--lang=en-US");
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().window().setSize(WINDOW);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return new Session(driver, profile);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
