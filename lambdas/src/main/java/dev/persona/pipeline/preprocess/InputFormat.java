package dev.persona.pipeline.preprocess;

/**
 * The upload formats, detected from the content. The wire name appears in reports, job records and personas.
 * Archives ({@code zip}, {@code tar}) are containers of these, not formats of their own.
 */
public enum InputFormat {
    /** Google Takeout "My Activity" JSON: an array of objects with header, title, titleUrl, time, products. */
    TAKEOUT_MY_ACTIVITY("takeout-my-activity", Family.TAKEOUT),
    /** Google Takeout "My Activity" HTML (Takeout's default), also YouTube's watch and search history. */
    TAKEOUT_MY_ACTIVITY_HTML("takeout-my-activity-html", Family.TAKEOUT),
    /** Chrome's {@code History.json}: an object whose "Browser History" array holds the visits. */
    CHROME_HISTORY("chrome-history", Family.CHROME),
    /** Spotify account data: {@code StreamingHistory_music_N.json} and {@code StreamingHistory_podcast_N.json}. */
    SPOTIFY_STREAMING_HISTORY("spotify-streaming-history", Family.SPOTIFY),
    /** Spotify extended streaming history: {@code Streaming_History_Audio_*.json}, {@code endsong_*.json}. */
    SPOTIFY_EXTENDED_HISTORY("spotify-extended-history", Family.SPOTIFY),
    /** Netflix {@code ViewingActivity.csv}. */
    NETFLIX_VIEWING_ACTIVITY("netflix-viewing-activity", Family.NETFLIX),
    /** A JSON array of event objects. */
    JSON_ARRAY("json-array", Family.GENERIC),
    /** One JSON event object per line. */
    JSON_LINES("json-lines", Family.GENERIC),
    /** Delimited text with a header row. */
    CSV("csv", Family.GENERIC);

    /** Formats that share how their records are read into activities. */
    enum Family { TAKEOUT, CHROME, SPOTIFY, NETFLIX, GENERIC }

    private final String wireName;
    private final Family family;

    InputFormat(String wireName, Family family) {
        this.wireName = wireName;
        this.family = family;
    }

    public String wireName() {
        return wireName;
    }

    Family family() {
        return family;
    }
}
