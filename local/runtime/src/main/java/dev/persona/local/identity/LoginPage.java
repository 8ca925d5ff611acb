package dev.persona.local.identity;

import java.util.List;
import java.util.Map;

/** The issuer's sign-in page: one field, the name to sign in as. Every reflected value is escaped. */
final class LoginPage {

    /** The authorization request's parameters the form carries through to its submission. */
    static final List<String> CARRIED_PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "state",
            "nonce");

    private LoginPage() {
    }

    static String form(String action, Map<String, String> request, String problem) {
        StringBuilder page = new StringBuilder(head("Sign in"))
                .append("<h1>persona-local</h1>\n<p>Development sign-in: choose any name.</p>\n");
        if (problem != null) {
            page.append("<p role=\"alert\">").append(escape(problem)).append("</p>\n");
        }
        page.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n");
        for (String name : CARRIED_PARAMETERS) {
            String value = request.get(name);
            if (value != null) {
                page.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(value)).append("\">\n");
            }
        }
        String username = request.getOrDefault("username", "");
        return page.append("<label>Name <input name=\"username\" value=\"").append(escape(username))
                .append("\" pattern=\"[A-Za-z0-9_.\\-]+\" required autofocus></label>\n")
                .append("<button type=\"submit\">Sign in</button>\n</form>\n</body>\n</html>\n")
                .toString();
    }

    static String refused(String reason) {
        return head("Sign-in refused") + "<h1>Sign-in refused</h1>\n<p>" + escape(reason) + "</p>\n</body>\n</html>\n";
    }

    private static String head(String title) {
        return "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body>\n";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
