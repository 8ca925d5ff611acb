package dev.persona.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Headless Chromium from Debian's {@code chromium} package, driven by its {@code chromedriver} through Selenium: no
 * browser is downloaded. Each page can be checked the same way: axe-core (from the web module's test jar, injected
 * through WebDriver, never from a CDN) must find no serious or critical violation, the page must have caused no
 * content security policy violation and kept nothing in local storage, and it is photographed at desktop and at
 * 360 px phone width into {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Set by {@code .ci/run}: a missing browser fails the build instead of skipping the browser tests. */
    static final String REQUIRED_VARIABLE = "PERSONA_BROWSER_TESTS_REQUIRED";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final int PHONE_WIDTH = 360;
    private static final int PHONE_HEIGHT = 780;
    /** Registered before any page script runs: CSP violations are events a page cannot hide. */
    private static final String WATCH_CSP = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (event) => {
              window.__cspViolations.push(event.violatedDirective + ' blocked ' + event.blockedURI);
            });
            """;

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Skips the calling test (or fails it in CI) when Debian's chromium and chromedriver are not installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver";
        if ("true".equals(System.getenv(REQUIRED_VARIABLE))) {
            fail(message + " (" + REQUIRED_VARIABLE + "=true: they must run here)");
        }
        Assumptions.abort("Skipped: " + message);
    }

    public static Browser start() {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("persona-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags this machine's probe uses: no sandbox as root, and none of the background traffic a closed
        // network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=en-US", "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_CSP));
        return new Browser(driver, service, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for the condition; when it does not come, says where the browser is, what it shows and logged. */
    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        try {
            // A page that re-renders replaces the elements a condition looked at: that is "not yet", not a failure.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            StringBuilder state = new StringBuilder("at ").append(driver.getCurrentUrl()).append('\n');
            List<WebElement> main = driver.findElements(By.tagName("body"));
            state.append("page text: ").append(main.isEmpty() ? "(none)" : main.getFirst().getText()).append('\n');
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                state.append("console: ").append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
            }
            throw new TimeoutException(e.getMessage() + "\n" + state, e);
        }
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(20), condition);
    }

    /**
     * Signs in to the web app at {@code site} as {@code name} at the development issuer, signing out first whoever is
     * signed in; returns on the upload page.
     */
    public void signIn(String site, String name) {
        open(site + "/");
        waitFor(driver -> !findAll("#sign-in-google, #sign-out").isEmpty());
        if (!findAll("#sign-out").isEmpty()) {
            find("#sign-out").click();
            waitFor(driver -> !findAll("#sign-in-google").isEmpty());
        }
        find("#sign-in-email").click();
        waitFor(driver -> !findAll("#username").isEmpty());
        find("#username").sendKeys(name);
        find("button[type=submit]").click();
        waitFor(driver -> driver.getCurrentUrl().equals(site + "/upload"));
    }

    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /**
     * Checks the page as it is now and photographs it as {@code name}: accessibility (axe), content security policy,
     * no tokens in local storage.
     */
    public void checkPage(String name) {
        assertNoSeriousAccessibilityViolations(name);
        assertNoCspViolations(name);
        assertThat(((Number) script("return window.localStorage.length")).intValue())
                .as("%s: nothing in local storage", name).isZero();
        screenshot(name);
    }

    public void assertNoSeriousAccessibilityViolations(String page) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(axeSource()
                + """
                ;const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(
                  (results) => done(results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))),
                  (error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]));
                """);
        List<Map<String, Object>> serious = new ArrayList<>();
        for (Map<String, Object> violation : violations) {
            if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                serious.add(violation);
            }
        }
        assertThat(serious).as("axe-core: serious or critical violations on %s", page).isEmpty();
    }

    public void assertNoCspViolations(String page) {
        Object recorded = script("return window.__cspViolations || []");
        assertThat((List<?>) recorded).as("content security policy violations on %s", page).isEmpty();
        List<String> consoleViolations = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy")) {
                consoleViolations.add(entry.getMessage());
            }
        }
        assertThat(consoleViolations).as("console reports of CSP violations on %s", page).isEmpty();
    }

    /** Full-page PNGs at desktop width and at a 360 px phone width. */
    public void screenshot(String name) {
        capture(name + "-desktop", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
        capture(name + "-phone", PHONE_WIDTH, PHONE_HEIGHT, true);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void capture(String name, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        // Let charts follow the new width (they resize on the next frames).
        driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => "
                + "setTimeout(done, 150)));");
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        int fullHeight = (int) Math.ceil(((Number) content.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.max(height, fullHeight), "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        return AxeSource.TEXT;
    }

    /** axe-core's script, read once. */
    private static final class AxeSource {
        static final String TEXT = read();

        private static String read() {
            try (InputStream in = AxeSource.class.getClassLoader().getResourceAsStream("axe-core/axe.min.js")) {
            if (in == null) {
                    throw new IllegalStateException("axe-core/axe.min.js is not on the test classpath (the web module's test jar)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary profile left behind is harmless.
        }
    }
}
