package dev.persona.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.bench.ActivityFileGenerator;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app in headless Chromium against the local runtime, as a person uses it: sign in at the development
 * issuer (authorization code with PKCE), upload the sample, follow the job to SUCCEEDED, see the persona's charts
 * with its top interest, open the history, delete everything and see it gone, sign out. Every page is checked with
 * axe-core and for CSP violations, and photographed at desktop and phone width.
 */
class WebAppIT extends WebAppBrowserTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPersonSignsInUploadsTheSampleSeesTheirPersonaAndDeletesEverything() throws Exception {
        browser.open(site + "/");
        browser.waitFor(driver -> browser.find("h1").getText().equals("See yourself in your data"));
        browser.checkPage("sign-in");

        browser.find("#sign-in-google").click();
        browser.waitFor(driver -> driver.getCurrentUrl().startsWith(stack.endpoints().issuer() + "/oauth2/authorize"));
        browser.checkPage("issuer-sign-in");
        browser.find("#username").sendKeys("webalice");
        browser.find("button[type=submit]").click();
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/upload"));
        assertThat(browser.find("#nav").getText()).contains("webalice").contains("Sign out");
        assertThat(browser.script("return Object.keys(sessionStorage)")).isEqualTo(List.of("persona.session"));
        browser.checkPage("upload");

        Path sample = files.resolve("MyActivity.json");
        try (InputStream in = PersonaLocalRuntime.class.getClassLoader().getResourceAsStream("sample/MyActivity.json")) {
            Files.copy(in, sample);
        }
        browser.find("#file-input").sendKeys(sample.toString());
        assertThat(browser.find("#file-chosen").getText()).startsWith("MyActivity.json");
        browser.find("#upload-button").click();
        browser.waitFor(driver -> driver.getCurrentUrl().startsWith(site + "/jobs/"));
        String jobId = browser.driver().getCurrentUrl().substring((site + "/jobs/").length());
        waitForJob("SUCCEEDED");
        assertThat(browser.findAll("#steps li.step-done")).hasSize(4);
        assertThat(browser.find("#job-facts").getText()).contains("Records read\n3,000");
        browser.checkPage("job");

        browser.find("#open-persona").click();
        browser.waitFor(driver -> !browser.findAll("#top-interest").isEmpty());
        ApiUser alice = new ApiUser(stack, "webalice");
        JsonNode persona = ApiUser.body(alice.get("/v1/personas/" + jobId), 200);
        String topInterest = persona.at("/interests/0/category").asText();
        assertThat(browser.find("#top-interest").getText()).startsWith("Top interest: " + topInterest);
        assertThat(browser.find("h1").getText()).isEqualTo(persona.at("/archetype/label").asText());
        assertThat(browser.find("#persona-summary").getText()).isEqualTo(persona.at("/summary").asText());
        for (String canvas : List.of("#interests-chart-canvas", "#hour-chart-canvas", "#day-chart-canvas")) {
            assertThat(((Number) browser.script("return arguments[0].width", browser.find(canvas))).intValue())
                    .as("%s is drawn", canvas).isPositive();
        }
        assertThat(browser.find("#interests-chart-table tbody tr th").getAttribute("textContent")).isEqualTo(topInterest);
        assertThat(browser.findAll("#heat-map tbody tr")).hasSize(7);
        assertThat(browser.findAll("#heat-map tbody tr:first-child td")).hasSize(24);
        assertThat(browser.find("#records-read").getText()).isEqualTo("3,000");
        assertThat(browser.find("#download-json").getAttribute("href")).startsWith("blob:");
        browser.checkPage("persona");

        browser.find("#nav a[href='/history']").click();
        browser.waitFor(driver -> browser.findAll("#history-rows tr").size() == 1);
        assertThat(browser.find("#history-rows tr").getAttribute("data-job")).isEqualTo(jobId);
        browser.checkPage("history");

        browser.find("#delete-all").click();
        browser.waitFor(driver -> browser.find("#delete-dialog").isDisplayed());
        assertThat(browser.find("#delete-confirm").isEnabled()).isFalse();
        browser.find("#delete-confirmation").sendKeys("delete");
        browser.checkPage("delete-dialog");
        browser.find("#delete-confirm").click();
        browser.waitFor(driver -> !browser.findAll("#history-empty").isEmpty());
        assertThat(browser.find("#delete-result").getText()).contains("Deleted:").contains("1 jobs");
        assertThat(ApiUser.body(alice.get("/v1/jobs"), 200).path("items")).isEmpty();
        assertThat(alice.get("/v1/personas/" + jobId).statusCode()).isEqualTo(404);
        browser.checkPage("history-deleted");

        String refreshToken = (String) browser.script(
                "return JSON.parse(sessionStorage.getItem('persona.session')).refreshToken");
        browser.find("#sign-out").click();
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/")
                && !browser.findAll("#sign-in-google").isEmpty());
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        HttpResponse<String> refresh = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.endpoints().issuer() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=persona-local"
                        + "&refresh_token=" + refreshToken)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refresh.statusCode()).as("sign-out revoked the session").isEqualTo(400);
        assertThat(refresh.body()).contains("invalid_grant");
    }

    @Test
    void aFileThePipelineRefusesShowsItsErrorCodeAndMessage() throws IOException {
        signIn("webbob");
        Path empty = Files.write(files.resolve("empty.csv"), new byte[0]);
        browser.find("#file-input").sendKeys(empty.toString());
        assertThat(browser.find("#upload-messages").getText()).contains("“empty.csv” is empty");
        assertThat(browser.find("#upload-button").isEnabled()).isFalse();

        Path notes = Files.writeString(files.resolve("notes.csv"), "just some words\nwithout any time column\n");
        browser.find("#file-input").sendKeys(notes.toString());
        browser.find("#upload-button").click();
        browser.waitFor(driver -> driver.getCurrentUrl().startsWith(site + "/jobs/"));
        waitForJob("FAILED");
        String error = browser.find("#job-error").getText();
        assertThat(error).contains("UnsupportedFormat");
        assertThat(error.lines().count()).as("a code and a message in words").isGreaterThanOrEqualTo(2);
        assertThat(browser.find("#steps").getText()).contains("failed");
        browser.checkPage("job-failed");
    }

    @Test
    void aPersonaWithHostileTitlesIsRenderedInertly() throws IOException {
        signIn("webmallory");
        // The three most recent titles are the persona's examples of its one interest: markup and a formula.
        List<String> hostile = List.of(
                "+cmd|' /C calc'!A0 league table",
                "@SUM(1+1) transfer news",
                "-2+3 basketball scores",
                "=HYPERLINK(\"https://evil.example/steal\",\"score\")",
                "\"><svg onload=\"window.__pwned = 'svg'\"> highlights",
                "<script>window.__pwned = 'script'</script> match report");
        StringBuilder csv = new StringBuilder("timestamp,title,url,category\n");
        for (int i = 0; i < 60; i++) {
            String title = i < 54 ? "Weekly football review " + i : hostile.get(i - 54);
            String url = i % 2 == 0 ? "https://www.espn.com/nba/" + i
                    : "https://example.com/<img src=x onerror=\"window.__pwned='img'\">";
            csv.append("2025-05-").append(String.format("%02d", 1 + i / 3)).append("T1").append(i % 10).append(":00:00Z,\"")
                    .append(title.replace("\"", "\"\"")).append("\",\"").append(url.replace("\"", "\"\""))
                    .append("\",Sports\n");
        }
        Path file = Files.writeString(files.resolve("hostile.csv"), csv.toString());
        browser.find("#file-input").sendKeys(file.toString());
        browser.find("#upload-button").click();
        browser.waitFor(driver -> driver.getCurrentUrl().startsWith(site + "/jobs/"));
        waitForJob("SUCCEEDED");
        browser.find("#open-persona").click();
        browser.waitFor(driver -> !browser.findAll("#examples li").isEmpty());

        assertThat(browser.script("return window.__pwned")).as("no hostile script ran").isNull();
        assertThat(browser.findAll("main script, main svg, main img, main iframe, main object")).isEmpty();
        assertThat(browser.findAll("[onload], [onerror], [onclick]")).isEmpty();
        String examples = browser.find("#examples").getText();
        assertThat(examples).as("markup and formulas show as text")
                .contains("<script>window.__pwned = 'script'</script> match report")
                .contains("\"><svg onload=\"window.__pwned = 'svg'\"> highlights")
                .contains("=HYPERLINK(\"https://evil.example/steal\",\"score\")");
        for (WebElement link : browser.findAll("main a[href]")) {
            String href = link.getAttribute("href");
            assertThat(href).as("every link is the app's own, a download or a clean http(s) URL")
                    .matches("(https?://|blob:)[^<>\"'\\s]*");
        }
        browser.checkPage("persona-hostile");
    }

    @Test
    void aLargeFileGoesInSignedPartsAndCancellingLeavesNothingBehind() throws IOException {
        signIn("webcarol");
        Path large = files.resolve("Takeout-large.json");
        new ActivityFileGenerator(7, ActivityFileGenerator.Format.TAKEOUT)
                .write(large, 20L * 1024 * 1024, Long.MAX_VALUE);
        assertThat(Files.size(large)).isGreaterThan(16L * 1024 * 1024);

        PartRequests parts = PartRequests.failingFirstAttemptOf(browser, 2);
        try {
            browser.find("#file-input").sendKeys(large.toString());
            browser.find("#upload-button").click();
            browser.waitFor(driver -> driver.getCurrentUrl().startsWith(site + "/jobs/"));
        } finally {
            parts.stop();
        }
        assertThat(parts.attemptsOf(1)).isEqualTo(1);
        assertThat(parts.attemptsOf(2)).as("the part that failed was sent again").isEqualTo(2);
        assertThat(parts.attemptsOf(3)).isEqualTo(1);
        waitForJob("SUCCEEDED");
        assertThat(browser.find("#job-facts").getText()).contains("Records read");

        browser.open(site + "/upload");
        browser.waitFor(driver -> !browser.findAll("#file-input").isEmpty());
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", 2 * 1024 * 1024));
        try {
            browser.find("#file-input").sendKeys(large.toString());
            browser.find("#upload-button").click();
            browser.waitFor(driver -> browser.find("#progress-text").getText().contains("multipart"));
            browser.checkPage("upload-progress");
            browser.find("#cancel-button").click();
            browser.waitFor(driver -> browser.find("#upload-messages").getText().contains("Upload cancelled"));
        } finally {
            browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                    "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
        ApiUser carol = new ApiUser(stack, "webcarol");
        JsonNode jobs = ApiUser.body(carol.get("/v1/jobs"), 200).path("items");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).path("status").asText()).as("the cancelled upload never arrived")
                .isEqualTo("AWAITING_UPLOAD");
        try (var clients = stack.endpoints().clients()) {
            S3Client s3 = clients.s3();
            assertThat(s3.listMultipartUploads(request -> request.bucket(stack.endpoints().bucket())
                    .prefix("uploads/" + carol.userId() + "/")).uploads()).as("the parts were aborted").isEmpty();
            assertThat(s3.listObjectsV2(request -> request.bucket(stack.endpoints().bucket())
                    .prefix("uploads/" + carol.userId() + "/" + jobs.get(0).path("jobId").asText() + "/")).contents())
                    .isEmpty();
        }
    }

    @Test
    void theHistoryShowsTwentyJobsAtATimeAndTheNextPageWithTheCursor() {
        ApiUser pages = new ApiUser(stack, "webpages");
        for (int i = 0; i < 21; i++) {
            pages.createUpload("file-" + i + ".csv", "text/csv", 100);
        }
        signIn("webpages");
        browser.find("#nav a[href='/history']").click();
        browser.waitFor(driver -> browser.findAll("#history-rows tr").size() == 20);
        assertThat(browser.find("#history-rows tr th").getText()).as("newest first").isEqualTo("file-20.csv");
        assertThat(browser.find("#load-more").isDisplayed()).isTrue();
        browser.find("#load-more").click();
        browser.waitFor(driver -> browser.findAll("#history-rows tr").size() == 21);
        assertThat(browser.find("#history-rows tr:last-child th").getText()).isEqualTo("file-0.csv");
        assertThat(browser.find("#load-more").isDisplayed()).as("the last page has no cursor").isFalse();
    }

    @Test
    void aPersonCanSignInAndReachTheUploadWithTheKeyboardAloneAndSeesWhereTheFocusIs() {
        browser.open(site + "/");
        browser.waitFor(driver -> !browser.findAll("#sign-in-google, #sign-out").isEmpty());
        if (!browser.findAll("#sign-out").isEmpty()) {
            browser.find("#sign-out").click();
            browser.waitFor(driver -> !browser.findAll("#sign-in-google").isEmpty());
        }
        String first = tabUntil("#sign-in-google", 10);
        assertThat(first).as("the skip link comes first").isEqualTo("skip-link");
        assertThat(focusOutline()).as("visible focus").isNotEqualTo("none");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waitFor(driver -> !browser.findAll("#username").isEmpty());
        browser.driver().switchTo().activeElement().sendKeys("webkeys", Keys.ENTER);
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/upload"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("the page's heading takes the focus").isEqualTo("page-heading");
        tabUntil("#file-input", 15);
        assertThat(browser.script("return getComputedStyle(document.querySelector('#drop-zone')).outlineStyle"))
                .as("the drop zone shows that the file input has the focus").isNotEqualTo("none");
    }

    /** Presses Tab until the element matching {@code css} has the focus; returns the class of the first one reached. */
    private static String tabUntil(String css, int most) {
        String first = null;
        for (int i = 0; i < most; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement active = browser.driver().switchTo().activeElement();
            if (first == null) {
                first = active.getAttribute("class");
            }
            if (active.equals(browser.find(css))) {
                return first;
            }
        }
        throw new AssertionError(css + " was not reached with " + most + " presses of Tab");
    }

    private static String focusOutline() {
        return (String) browser.script("return getComputedStyle(document.activeElement).outlineStyle");
    }

    private static void signIn(String name) {
        browser.signIn(site, name);
    }

    private static void waitForJob(String status) {
        browser.waitFor(Duration.ofSeconds(90), driver -> {
            String shown = browser.find("#job-status").getAttribute("data-status");
            return status.equals(shown) || "FAILED".equals(shown) || "SUCCEEDED".equals(shown);
        });
        assertThat(browser.find("#job-status").getAttribute("data-status")).isEqualTo(status);
    }
}
