package dev.persona.local.identity;

import java.util.List;
import java.util.Map;

/** The issuer's sign-in page: one field, the name to sign in as. Every reflected value is escaped. */
final class LoginPage {

    /** The authorization request's parameters the form carries through to its submission. */
    static final List<String> CARRIED_PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "state",
            "nonce", "scope", "code_challenge", "code_challenge_method", "identity_provider");

    private LoginPage() {
    }

    static String form(String action, Map<String, String> request, String problem) {
        StringBuilder page = new StringBuilder(head("Sign in – persona-local"))
                .append("<h1>Sign in to persona-local</h1>\n")
                .append("<p>Development sign-in: there are no passwords, choose any name. ");
        if ("Google".equals(request.get("identity_provider"))) {
            page.append("In the cloud this step is Google's sign-in.");
        } else {
            page.append("In the cloud this step is the Cognito sign-in page.");
        }
        page.append("</p>\n");
        if (problem != null) {
            page.append("<p role=\"alert\" id=\"problem\">").append(escape(problem)).append("</p>\n");
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
        page.append("<p><label for=\"username\">Name</label>\n<input id=\"username\" name=\"username\" value=\"")
                .append(escape(username))
                .append("\" pattern=\"[A-Za-z0-9_.\\-]+\" autocomplete=\"username\" required autofocus");
        if (problem != null) {
            page.append(" aria-describedby=\"problem\" aria-invalid=\"true\"");
        }
        return page.append("></p>\n<p><button type=\"submit\">Sign in</button></p>\n</form>\n</main>\n</body>\n</html>\n")
                .toString();
    }

    static String refused(String reason) {
        return head("Sign-in refused – persona-local") + "<h1>Sign-in refused</h1>\n<p>" + escape(reason)
                + "</p>\n</main>\n</body>\n</html>\n";
    }

    private static String head(String title) {
        return "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head>\n<body>\n<main>\n";
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
