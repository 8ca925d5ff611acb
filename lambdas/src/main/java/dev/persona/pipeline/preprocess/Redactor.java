package dev.persona.pipeline.preprocess;

/**
 * Replaces e-mail addresses with {@code [email]}, payment card numbers with {@code [card]} and phone numbers with
 * {@code [phone]} in free text.
 *
 * <p>A card number is a run of 13 to 19 digits, unbroken or grouped by single spaces or dashes, that starts with
 * 2 to 6 (the industries of payment cards in ISO/IEC 7812: Visa, Mastercard, American Express, Discover, JCB,
 * UnionPay…) and passes the Luhn check every card number carries; other long digit runs, such as timestamps in
 * milliseconds, are left to the phone rule.
 *
 * <p>A phone number is a run of 8 to 15 digits, optionally starting with {@code +} or {@code (}, whose
 * digits are separated by at most single spaces, dashes, dots or parentheses. To spare dates, times,
 * years and ids, a run is left alone when it looks like an ISO date ({@code 2024-03-01}), holds a colon,
 * or is one unbroken block of digits that neither starts with {@code +} nor has 10–11 digits.
 */
final class Redactor {

    static final String EMAIL = "[email]";
    static final String PHONE = "[phone]";
    static final String CARD = "[card]";

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Redactor() {
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        int digits = 0;
        boolean at = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c <= '9' && c >= '0') {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        String result = at ? redactEmails(text) : text;
        return digits >= 8 ? redactNumbers(result) : result;
    }

    /** E-mail addresses only, for URL paths where long digit runs are usually ids. */
    static String redactEmails(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int start = at;
            while (start > 0 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            int lastDot = -1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                if (text.charAt(end) == '.') {
                    lastDot = end;
                }
                end++;
            }
            while (end > at + 1 && text.charAt(end - 1) == '.') {
                end--;
                lastDot = text.lastIndexOf('.', end - 1);
            }
            if (start < at && lastDot > at + 1 && end - lastDot > 2 && isTld(text, lastDot + 1, end)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, start).append(EMAIL);
                copied = end;
            }
            at = text.indexOf('@', Math.max(end, at + 1));
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static String redactNumbers(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean starts = isDigit(c) || ((c == '+' || c == '(') && i + 1 < n && isDigit(text.charAt(i + 1)));
            if (!starts || (i > 0 && (isDigit(text.charAt(i - 1)) || Character.isLetter(text.charAt(i - 1))))) {
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            boolean separated = false;
            boolean cardSeparators = isDigit(c);
            while (end < n) {
                char ch = text.charAt(end);
                if (isDigit(ch)) {
                    digits++;
                    end++;
                } else if ((ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')' || ch == '+')
                        && end + 1 < n && (isDigit(text.charAt(end + 1)) || text.charAt(end + 1) == '(')
                        && (ch != '+' || end == i)) {
                    separated |= end > i;
                    cardSeparators &= (ch == ' ' || ch == '-') && isDigit(text.charAt(end + 1));
                    end++;
                } else if (ch == ')' && end > i) {
                    cardSeparators = false;
                    end++;
                } else {
                    break;
                }
            }
            boolean followedByWord = end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == ':');
            if (digits >= 13 && digits <= 19 && cardSeparators && !followedByWord && c >= '2' && c <= '6'
                    && passesLuhn(text, i, end)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(CARD);
                copied = end;
            } else if (digits >= 8 && digits <= 15 && !followedByWord && looksLikePhone(text, i, end, digits, separated)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(PHONE);
                copied = end;
            }
            i = Math.max(end, i + 1);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    /** The Luhn checksum over the digits of {@code text[start, end)}. */
    private static boolean passesLuhn(String text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean looksLikePhone(String text, int start, int end, int digits, boolean separated) {
        String run = text.substring(start, end).strip();
        if (ISO_DATE.matcher(run).find()) {
            return false;
        }
        if (run.startsWith("+") || run.startsWith("(")) {
            return true;
        }
        if (!separated) {
            return digits == 10 || digits == 11;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    private static boolean isTld(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
