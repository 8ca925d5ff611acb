package dev.persona.pipeline.preprocess;

/**
 * Why a valid record is not activity of the person: left out and counted per reason, without counting as
 * invalid (so a Netflix history full of trailers does not fail as mostly invalid).
 */
public enum RecordSkipReason {
    /** Takeout: an advertisement the person was shown ("From Google Ads"). */
    ADVERTISEMENT("advertisement"),
    /** Chrome: a reload of the page just visited. */
    RELOAD("reload"),
    /** Chrome: a browser page ({@code chrome://}, extensions, files), not a web page. */
    NOT_A_WEB_PAGE("not-a-web-page"),
    /** Spotify: played less than 30 seconds, which Spotify itself does not count as a stream. */
    SHORT_PLAY("short-play"),
    /** Spotify: a play with no track, episode or audiobook named. */
    UNKNOWN_ITEM("unknown-item"),
    /** Netflix: a trailer, teaser, hook or recap ({@code Supplemental Video Type}). */
    TRAILER("trailer"),
    /** Netflix: a preview that played by itself, without user action, for less than two minutes. */
    AUTOPLAY_PREVIEW("autoplay-preview"),
    /** Netflix: watched by another profile than the one chosen for this upload. */
    OTHER_PROFILE("other-profile");

    private final String wireName;

    RecordSkipReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
