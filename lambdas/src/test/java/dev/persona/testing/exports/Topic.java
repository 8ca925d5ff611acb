package dev.persona.testing.exports;

import java.util.List;

/**
 * A subject a test export is about, with what people search, watch and visit on it: every phrase, video and site
 * here is one the taxonomy puts in {@link #category}, so an export made of one topic has a known top interest.
 */
public enum Topic {
    SPORTS("Sports",
            List.of("nba playoffs highlights", "premier league table", "champions league final recap",
                    "fantasy football waiver wire", "tennis grand slam draw", "formula 1 race highlights"),
            List.of(new Video("NBA Finals Game 7 Highlights | Lakers vs Celtics", "NBA"),
                    new Video("Premier League goals of the week", "Sky Sports Football"),
                    new Video("Formula 1 race highlights Monaco Grand Prix", "Formula 1"),
                    new Video("Best dunks of the NBA season", "ESPN")),
            List.of(new Site("https://www.espn.com/nba/scoreboard", "NBA Scoreboard - ESPN"),
                    new Site("https://www.nba.com/games", "NBA Games and Scores"),
                    new Site("https://www.skysports.com/football/news", "Football News | Sky Sports"),
                    new Site("https://www.bbc.co.uk/sport/football", "Football - BBC Sport"))),
    FOOD("Food & Drink",
            List.of("easy lasagna recipe", "sourdough starter guide", "chicken curry recipe", "best pizza dough recipe",
                    "air fryer salmon recipe", "vegan brownies recipe"),
            List.of(new Video("Easy 15 minute pasta recipe", "Bon Appétit"),
                    new Video("How to make ramen at home recipe", "Joshua Weissman"),
                    new Video("Perfect sourdough bread recipe", "Babish Culinary Universe")),
            List.of(new Site("https://www.allrecipes.com/recipe/23600/worlds-best-lasagna/", "World's Best Lasagna"),
                    new Site("https://www.bbcgoodfood.com/recipes/chicken-curry", "Chicken curry recipe"),
                    new Site("https://www.seriouseats.com/recipes/pizza-dough", "Pizza dough | Serious Eats"))),
    TRAVEL("Travel",
            List.of("cheap flights to lisbon", "things to do in kyoto", "hotel deals barcelona",
                    "road trip iceland itinerary", "best beaches in portugal"),
            List.of(new Video("Things to do in Kyoto travel guide", "Kara and Nate"),
                    new Video("Iceland road trip travel vlog", "Lost LeBlanc")),
            List.of(new Site("https://www.booking.com/hotel/pt/lisbon.html", "Hotels in Lisbon"),
                    new Site("https://www.skyscanner.net/flights", "Cheap flights"),
                    new Site("https://www.tripadvisor.com/Attractions-g298564", "Things to do in Kyoto"),
                    new Site("https://www.lonelyplanet.com/portugal", "Portugal travel guide")));

    /** A video and its channel. */
    public record Video(String title, String channel) {
    }

    /** A page and its title. */
    public record Site(String url, String title) {
    }

    private final String category;
    private final List<String> searches;
    private final List<Video> videos;
    private final List<Site> sites;

    Topic(String category, List<String> searches, List<Video> videos, List<Site> sites) {
        this.category = category;
        this.searches = searches;
        this.videos = videos;
        this.sites = sites;
    }

    /** The taxonomy category its activities get. */
    public String category() {
        return category;
    }

    List<String> searches() {
        return searches;
    }

    List<Video> videos() {
        return videos;
    }

    List<Site> sites() {
        return sites;
    }
}
