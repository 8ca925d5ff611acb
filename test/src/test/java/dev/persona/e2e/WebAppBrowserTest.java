package dev.persona.e2e;

import java.nio.file.Path;

import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of browser tests of the web app: one headless Chromium for the class, against the shared stack's site,
 * with a folder for the files the tests choose and download. Skipped (or failed in CI) without the browser.
 */
abstract class WebAppBrowserTest {

    static PersonaLocalRuntime stack;
    static Browser browser;
    /** The site's URL, which is also the API's. */
    static String site;

    @TempDir
    static Path files;

    @BeforeAll
    static void startBrowser() {
        Browser.assumeInstalled();
        stack = SharedStack.get();
        site = stack.endpoints().api().toString();
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
