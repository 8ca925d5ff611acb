package dev.persona.local.iam;

/** IAM's wildcard matching: {@code *} any run of characters (also none), {@code ?} exactly one. */
final class Wildcards {

    private Wildcards() {
    }

    /** True when {@code value} matches {@code pattern} as a whole. */
    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        // Where the last * was, and how much of the value it has swallowed so far: retried one longer on mismatch.
        int star = -1;
        int swallowed = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                swallowed = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++swallowed;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
