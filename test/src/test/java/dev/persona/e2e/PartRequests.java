package dev.persona.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.fetch.Fetch;
import org.openqa.selenium.devtools.v156.fetch.model.RequestPattern;
import org.openqa.selenium.devtools.v156.fetch.model.RequestStage;
import org.openqa.selenium.devtools.v156.network.model.ErrorReason;

/**
 * The browser's multipart part uploads, seen through the DevTools protocol before they leave: counts the attempts of
 * each part and makes the first attempt of one part fail as a reset connection would, so the app's retry is tested
 * in the real browser against the real local S3.
 */
final class PartRequests {

    private static final Pattern PART_NUMBER = Pattern.compile("[?&]partNumber=(\\d+)");

    private final DevTools devTools;
    private final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();

    private PartRequests(DevTools devTools) {
        this.devTools = devTools;
    }

    static PartRequests failingFirstAttemptOf(Browser browser, int failingPart) {
        DevTools devTools = browser.driver().getDevTools();
        devTools.createSessionIfThereIsNotOne();
        PartRequests parts = new PartRequests(devTools);
        devTools.addListener(Fetch.requestPaused(), paused -> {
            Matcher part = PART_NUMBER.matcher(paused.getRequest().getUrl());
            if (paused.getRequest().getMethod().equals("PUT") && part.find()) {
                int number = Integer.parseInt(part.group(1));
                int attempt = parts.attempts.merge(number, 1, Integer::sum);
                if (number == failingPart && attempt == 1) {
                    devTools.send(Fetch.failRequest(paused.getRequestId(), ErrorReason.CONNECTIONRESET));
                    return;
                }
            }
            devTools.send(Fetch.continueRequest(paused.getRequestId(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        });
        devTools.send(Fetch.enable(Optional.of(List.of(new RequestPattern(Optional.of("*partNumber=*"),
                Optional.empty(), Optional.of(RequestStage.REQUEST)))), Optional.empty()));
        return parts;
    }

    int attemptsOf(int part) {
        return attempts.getOrDefault(part, 0);
    }

    void stop() {
        devTools.send(Fetch.disable());
        devTools.clearListeners();
    }
}
