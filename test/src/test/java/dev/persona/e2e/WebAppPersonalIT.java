package dev.persona.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app's personal screens in headless Chromium against the local runtime, as a person uses them: the profile
 * (with the browser's time zone), notes written in Markdown, changed and deleted (and told when someone else saved
 * the note first), bookmarks added, imported from a browser's file, changed and deleted, and files uploaded with
 * progress, downloaded through their CloudFront signed URL and deleted, or refused beyond the quota in plain words.
 * Markup in notes and bookmarks shows as text and runs nothing. Every page is checked with axe-core and for CSP
 * violations, and photographed at desktop and phone width.
 */
class WebAppPersonalIT extends WebAppBrowserTest {

    @Test
    void aPersonEditsTheirProfileWithTheBrowsersTimeZoneAndIsToldOfAChangeMadeElsewhere() {
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        try {
            browser.signIn(site, "webprofile");
            ApiUser person = new ApiUser(stack, "webprofile");
            JsonNode before = ApiUser.body(person.get("/v1/me"), 200);
            browser.find("#nav a[href='/profile']").click();
            browser.waitFor(driver -> browser.find("#display-name").getAttribute("value")
                    .equals(before.path("displayName").asText()));
            assertThat(browser.find("#timezone").getAttribute("value")).isEqualTo("UTC");
            assertThat(browser.find("#bookmarks-in-persona").isSelected()).isFalse();
            assertThat(browser.find("#nav a[aria-current=page]").getText()).isEqualTo("Profile");
            browser.checkPage("profile");

            replaceText("#display-name", "Zoë Example");
            browser.find("#use-browser-timezone").click();
            assertThat(browser.find("#timezone").getAttribute("value")).isEqualTo("Asia/Tokyo");
            replaceText("#locale", "fr-fr");
            browser.find("#bookmarks-in-persona").click();
            browser.find("#profile-save").click();
            browser.waitFor(driver -> !browser.findAll("#profile-saved").isEmpty());

            JsonNode saved = ApiUser.body(person.get("/v1/me"), 200);
            assertThat(saved.path("displayName").asText()).isEqualTo("Zoë Example");
            assertThat(saved.path("timezone").asText()).isEqualTo("Asia/Tokyo");
            assertThat(saved.path("locale").asText()).isEqualTo("fr-FR");
            assertThat(saved.path("bookmarksInPersona").asBoolean()).isTrue();
            browser.open(site + "/profile");
            browser.waitFor(driver -> browser.find("#locale").getAttribute("value").equals("fr-FR"));
            assertThat(browser.find("#display-name").getAttribute("value")).isEqualTo("Zoë Example");
            assertThat(browser.find("#bookmarks-in-persona").isSelected()).isTrue();

            ApiUser.body(person.send("PATCH", "/v1/me", "{\"displayName\":\"Changed on the phone\"}"), 200);
            replaceText("#timezone", "Europe/Paris");
            browser.find("#profile-save").click();
            browser.waitFor(driver -> !browser.findAll("#conflict").isEmpty());
            assertThat(browser.find("#conflict").getText()).contains("Someone else changed this profile");
            assertThat(ApiUser.body(person.get("/v1/me"), 200).path("timezone").asText())
                    .as("nothing was overwritten").isEqualTo("Asia/Tokyo");
            browser.find("#conflict-reload").click();
            browser.waitFor(driver -> browser.find("#display-name").getAttribute("value").equals("Changed on the phone"));
            assertThat(browser.find("#timezone").getAttribute("value")).isEqualTo("Asia/Tokyo");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
    }

    @Test
    void aPersonWritesChangesAndDeletesANoteAndIsToldWhenSomeoneElseSavedItFirst() {
        browser.signIn(site, "webnotes");
        ApiUser person = new ApiUser(stack, "webnotes");
        browser.find("#nav a[href='/notes']").click();
        browser.waitFor(driver -> !browser.findAll("#notes-empty").isEmpty());

        browser.find("#new-note").click();
        browser.waitFor(driver -> !browser.findAll("#note-title").isEmpty());
        String title = "Reading list <script>window.__pwned = 'title'</script>";
        browser.find("#note-title").sendKeys(title);
        browser.find("#note-tags").sendKeys("Reading, #ideas");
        browser.find("#note-body-input").sendKeys(String.join("\n",
                "# Books",
                "- **Dune** by Frank Herbert",
                "- *Neuromancer*, see [the review](https://example.com/review)",
                "",
                "<script>window.__pwned = 'body'</script> and <img src=x onerror=\"window.__pwned = 'img'\">",
                "",
                "[click me](javascript:window.__pwned='link')"));
        browser.waitFor(driver -> browser.findAll("#note-preview h2").size() == 1);
        assertThat(browser.find("#note-preview h2").getText()).isEqualTo("Books");
        browser.checkPage("note-editor");

        browser.find("#note-save").click();
        browser.waitFor(driver -> driver.getCurrentUrl().matches(site + "/notes/[0-9A-Z]{26}"));
        String noteId = browser.driver().getCurrentUrl().substring((site + "/notes/").length());
        browser.waitFor(driver -> !browser.findAll("#note-body").isEmpty());
        assertThat(browser.find("h1").getText()).isEqualTo(title);
        WebElement body = browser.find("#note-body");
        assertThat(body.findElement(By.cssSelector("h2")).getText()).isEqualTo("Books");
        assertThat(browser.findAll("#note-body li")).hasSize(2);
        assertThat(browser.find("#note-body li strong").getText()).isEqualTo("Dune");
        assertThat(browser.find("#note-body li em").getText()).isEqualTo("Neuromancer");
        assertThat(browser.find("#note-body a").getAttribute("href")).isEqualTo("https://example.com/review");
        assertThat(browser.findAll("#note-body a")).as("the javascript: link is only its text").hasSize(1);
        assertThat(body.getText()).contains("<script>window.__pwned = 'body'</script> and "
                + "<img src=x onerror=\"window.__pwned = 'img'\">").contains("click me");
        assertInert();
        assertThat(browser.findAll(".tags a")).extracting(WebElement::getText).containsExactlyInAnyOrder("#reading", "#ideas");
        browser.checkPage("note");

        browser.find(".tags a[href='/notes?tag=ideas']").click();
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/notes?tag=ideas")
                && browser.findAll("#notes-list > li").size() == 1);
        assertThat(browser.find("#tag-filter-current").getText()).contains("tagged #ideas");
        assertThat(browser.find("#notes-list > li h2").getText()).isEqualTo(title);
        assertInert();
        browser.checkPage("notes");
        replaceText("#tag-filter", "two words");
        browser.find("form[role=search] button").click();
        assertThat(browser.find("#tag-filter-help").getText()).contains("“two words” is not a tag");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(site + "/notes?tag=ideas");

        browser.find("#notes-list > li h2 a").click();
        browser.waitFor(driver -> !browser.findAll("#edit-note").isEmpty());
        browser.find("#edit-note").click();
        browser.waitFor(driver -> browser.find("#note-title").getAttribute("value").equals(title));
        replaceText("#note-title", "Reading list 2026");
        browser.find("#note-save").click();
        browser.waitFor(driver -> browser.find("h1").getText().equals("Reading list 2026"));
        assertThat(ApiUser.body(person.get("/v1/notes/" + noteId), 200).path("title").asText())
                .isEqualTo("Reading list 2026");

        browser.find("#edit-note").click();
        browser.waitFor(driver -> browser.find("#note-title").getAttribute("value").equals("Reading list 2026"));
        HttpResponse<String> read = person.get("/v1/notes/" + noteId);
        ApiUser.body(person.send("PUT", "/v1/notes/" + noteId,
                "{\"title\":\"Changed in another tab\",\"body\":\"Their text\",\"tags\":[\"reading\"]}",
                Map.of("If-Match", read.headers().firstValue("ETag").orElseThrow())), 200);
        browser.find("#note-body-input").sendKeys("\nMy new line");
        browser.find("#note-save").click();
        browser.waitFor(driver -> !browser.findAll("#conflict").isEmpty());
        assertThat(browser.find("#conflict").getText()).contains("Someone else changed this note after you opened it");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/edit");
        browser.checkPage("note-conflict");
        browser.find("#conflict-reload").click();
        browser.waitFor(driver -> browser.find("#note-title").getAttribute("value").equals("Changed in another tab"));
        assertThat(browser.find("#note-body-input").getAttribute("value")).isEqualTo("Their text");
        assertThat(browser.find("#note-unsaved").getAttribute("value")).as("what was typed is kept")
                .endsWith("My new line");
        browser.find("#note-body-input").sendKeys("\nAnd mine");
        browser.find("#note-save").click();
        browser.waitFor(driver -> browser.find("h1").getText().equals("Changed in another tab"));
        assertThat(ApiUser.body(person.get("/v1/notes/" + noteId), 200).path("body").asText())
                .isEqualTo("Their text\nAnd mine");

        browser.find("#delete-note").click();
        browser.waitFor(driver -> browser.find("#delete-note-dialog").isDisplayed());
        browser.checkPage("note-delete-dialog");
        browser.find("#delete-note-dialog-confirm").click();
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/notes")
                && !browser.findAll("#notes-empty").isEmpty());
        assertThat(person.get("/v1/notes/" + noteId).statusCode()).isEqualTo(404);
    }

    @Test
    void theNotesShowTwentyAtATimeNewestFirstAndTheNextPageWithTheCursorAndThePersonaLinkSaysWhenThereIsNone() {
        ApiUser person = new ApiUser(stack, "webnotepages");
        for (int i = 0; i < 21; i++) {
            ApiUser.body(person.send("POST", "/v1/notes", "{\"title\":\"Note " + i + "\",\"body\":\"text\"}"), 201);
        }
        browser.signIn(site, "webnotepages");
        browser.find("#nav a[href='/personas/latest']").click();
        browser.waitFor(driver -> !browser.findAll("#persona-none").isEmpty());
        assertThat(browser.find("#persona-none").getText()).isEqualTo("You have no persona yet. Upload a file of your "
                + "activity to get one.");
        browser.find("#nav a[href='/notes']").click();
        browser.waitFor(driver -> browser.findAll("#notes-list > li").size() == 20);
        assertThat(browser.find("#notes-list > li h2").getText()).as("newest first").isEqualTo("Note 20");
        browser.find("#notes-more").click();
        browser.waitFor(driver -> browser.findAll("#notes-list > li").size() == 21);
        assertThat(browser.find("#notes-list > li:last-child h2").getText()).isEqualTo("Note 0");
        assertThat(browser.find("#notes-more").isDisplayed()).as("the last page has no cursor").isFalse();
    }

    @Test
    void aPersonAddsImportsChangesAndDeletesBookmarks() throws IOException {
        browser.signIn(site, "webbookmarks");
        ApiUser person = new ApiUser(stack, "webbookmarks");
        browser.find("#nav a[href='/bookmarks']").click();
        browser.waitFor(driver -> !browser.findAll("#bookmarks-empty").isEmpty());

        String hostile = "<script>window.__pwned = 'bookmark'</script> NBA";
        browser.find("#bookmark-url").sendKeys("www.espn.com/nba/");
        browser.find("#bookmark-title").sendKeys(hostile);
        browser.find("#bookmark-tags").sendKeys("sports");
        browser.find("#bookmark-add").click();
        browser.waitFor(driver -> !browser.findAll("#bookmark-added").isEmpty());
        assertThat(browser.findAll("#bookmarks-list > li")).hasSize(1);
        WebElement link = browser.find("#bookmarks-list > li h3 a");
        assertThat(link.getText()).startsWith(hostile);
        assertThat(link.getAttribute("href")).isEqualTo("https://www.espn.com/nba/");
        String espnId = browser.find("#bookmarks-list > li").getAttribute("data-bookmark");

        browser.find("#bookmark-url").sendKeys("https://WWW.ESPN.com/nba/#scores");
        browser.find("#bookmark-add").click();
        browser.waitFor(driver -> !browser.findAll("#bookmark-exists").isEmpty());
        assertThat(browser.find("#bookmark-exists").getText()).contains("You bookmarked this address already");
        assertThat(browser.find("#bookmark-exists a").getAttribute("href")).isEqualTo(site + "/bookmarks/" + espnId);

        Path export = Files.writeString(files.resolve("bookmarks.html"), """
                <!DOCTYPE NETSCAPE-Bookmark-file-1>
                <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
                <TITLE>Bookmarks</TITLE>
                <H1>Bookmarks</H1>
                <DL><p>
                    <DT><H3>Tech</H3>
                    <DL><p>
                        <DT><A HREF="https://news.ycombinator.com/" ADD_DATE="1700000000">Hacker News</A>
                        <DT><A HREF="https://developer.mozilla.org/en-US/docs/Web" ADD_DATE="1700000100">MDN</A>
                    </DL><p>
                    <DT><A HREF="https://www.espn.com/nba/" ADD_DATE="1700000200">ESPN again</A>
                    <DT><A HREF="javascript:window.__pwned='import'">Bookmarklet</A>
                    <DT><A HREF="ftp://files.example/archive">Old archive</A>
                </DL><p>
                """, StandardCharsets.UTF_8);
        browser.find("#import-file").sendKeys(export.toString());
        browser.find("#import-button").click();
        browser.waitFor(driver -> !browser.findAll("#import-report").isEmpty());
        assertThat(browser.find("#import-received").getText()).isEqualTo("5");
        assertThat(browser.find("#import-added").getText()).isEqualTo("2");
        assertThat(browser.find("#import-duplicates").getText()).isEqualTo("1");
        assertThat(browser.find("#import-invalid").getText()).isEqualTo("2");
        assertThat(browser.find("#import-reasons").getText()).contains("2 × not an http or https address");
        assertThat(browser.find("#import-samples").getText()).contains("javascript:window.__pwned='import'");
        browser.waitFor(driver -> browser.findAll("#bookmarks-list > li").size() == 3);
        assertThat(browser.findAll("#bookmarks-list .tag")).extracting(WebElement::getText).contains("#tech", "#sports");
        assertInert();
        browser.checkPage("bookmarks");

        browser.find("[data-bookmark='" + espnId + "'] a[href='/bookmarks/" + espnId + "']").click();
        browser.waitFor(driver -> browser.find("#bookmark-title").getAttribute("value").equals(hostile));
        assertThat(browser.find("#bookmark-address a").getAttribute("href")).isEqualTo("https://www.espn.com/nba/");
        browser.checkPage("bookmark-edit");
        replaceText("#bookmark-title", "NBA scores");
        replaceText("#bookmark-tags", "sports basketball");
        browser.find("#bookmark-save").click();
        browser.waitFor(driver -> driver.getCurrentUrl().equals(site + "/bookmarks")
                && browser.findAll("#bookmarks-list > li").size() == 3);
        JsonNode espn = ApiUser.body(person.get("/v1/bookmarks/" + espnId), 200);
        assertThat(espn.path("title").asText()).isEqualTo("NBA scores");
        assertThat(espn.path("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("sports", "basketball");

        browser.find("[data-bookmark='" + espnId + "'] .tag[href='/bookmarks?tag=basketball']").click();
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/bookmarks?tag=basketball")
                && browser.findAll("#bookmarks-list > li").size() == 1);

        browser.find("[data-bookmark='" + espnId + "'] [data-delete]").click();
        browser.waitFor(driver -> browser.find("#delete-bookmark-dialog").isDisplayed());
        browser.find("#delete-bookmark-dialog-confirm").click();
        browser.waitFor(driver -> !browser.findAll("#bookmarks-empty").isEmpty());
        assertThat(person.get("/v1/bookmarks/" + espnId).statusCode()).isEqualTo(404);
        assertThat(ApiUser.body(person.get("/v1/bookmarks"), 200).path("items")).hasSize(2);
    }

    @Test
    void aPersonUploadsAFileDownloadsItThroughItsSignedUrlAndDeletesIt() throws IOException {
        Path downloads = Files.createDirectories(files.resolve("downloads"));
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.signIn(site, "webfiles");
        ApiUser person = new ApiUser(stack, "webfiles");
        browser.find("#nav a[href='/files']").click();
        browser.waitFor(driver -> !browser.findAll("#files-empty").isEmpty());

        byte[] content = "Dear diary, ünïcödé and all.\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        Path diary = Files.write(files.resolve("diary-2026.txt"), content);
        browser.find("#library-file").sendKeys(diary.toString());
        browser.find("#library-upload").click();
        browser.waitFor(driver -> !browser.findAll("#library-uploaded").isEmpty());
        browser.waitFor(driver -> !browser.findAll("#files-rows tr[data-state='AVAILABLE']").isEmpty());
        WebElement row = browser.find("#files-rows tr");
        String fileId = row.getAttribute("data-file");
        assertThat(row.getText()).contains("diary-2026.txt").contains("Available").contains(" KB");
        browser.checkPage("files");

        JsonNode file = ApiUser.body(person.get("/v1/files/" + fileId), 200);
        assertThat(file.at("/download/url").asText()).as("a CloudFront signed URL")
                .contains("Signature=").contains("Key-Pair-Id=");
        browser.find("[data-download='" + fileId + "']").click();
        Path downloaded = downloads.resolve("diary-2026.txt");
        browser.waitFor(Duration.ofSeconds(30), driver -> Files.exists(downloaded) && sizeOf(downloaded) == content.length);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(content);
        assertThat(browser.driver().getCurrentUrl()).as("the download leaves the page where it is")
                .isEqualTo(site + "/files");

        browser.find("[data-delete='" + fileId + "']").click();
        browser.waitFor(driver -> browser.find("#delete-file-dialog").isDisplayed());
        browser.find("#delete-file-dialog-confirm").click();
        browser.waitFor(driver -> !browser.findAll("#files-empty").isEmpty());
        assertThat(person.get("/v1/files/" + fileId).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileBeyondTheQuotaIsRefusedInPlainWords() throws IOException {
        ApiUser person = new ApiUser(stack, "webquota");
        for (int i = 0; i < 5; i++) {
            ApiUser.body(person.send("POST", "/v1/files",
                    "{\"name\":\"big-" + i + ".bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":1073741824}"),
                    201);
        }
        // The usage follows the files table's stream: once it counted the five, a byte more is refused.
        browser.waitFor(Duration.ofSeconds(30), driver -> person.send("POST", "/v1/files",
                "{\"name\":\"probe.bin\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":1}").statusCode() == 403);
        browser.signIn(site, "webquota");
        browser.find("#nav a[href='/files']").click();
        browser.waitFor(driver -> !browser.findAll("#files-rows tr").isEmpty());
        assertThat(browser.findAll("#files-rows tr[data-state='PENDING']")).isNotEmpty();
        assertThat(browser.find("#files-rows tr[data-state='PENDING']").getText()).contains("Upload pending");

        Path small = Files.writeString(files.resolve("small.txt"), "a few bytes");
        browser.find("#library-file").sendKeys(small.toString());
        browser.find("#library-upload").click();
        browser.waitFor(driver -> !browser.findAll("#quota-exceeded").isEmpty());
        assertThat(browser.find("#quota-exceeded").getText())
                .contains("Not uploaded.")
                .contains("This file would exceed your quota: at most 5.0 GB in all (you keep 5.0 GB).")
                .contains("Delete files you no longer need to make room.")
                .doesNotContain("5368709120");
        browser.checkPage("files-quota");
    }

    /** Nothing the person wrote ran or became markup. */
    private static void assertInert() {
        assertThat(browser.script("return window.__pwned")).as("no script of the person's text ran").isNull();
        assertThat(browser.findAll("main script, main img, main svg, main iframe, main object")).isEmpty();
        assertThat(browser.findAll("[onload], [onerror], [onclick]")).isEmpty();
        for (WebElement link : browser.findAll("main a[href]")) {
            assertThat(link.getAttribute("href")).as("every link is the app's own or a clean http(s) URL")
                    .matches("https?://[^<>\"'\\s]*");
        }
    }

    private static void replaceText(String css, String text) {
        WebElement field = browser.find(css);
        field.clear();
        field.sendKeys(text);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }
}
