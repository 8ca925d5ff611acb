package dev.persona.contracts;

import java.util.regex.Pattern;

/**
 * How notes and bookmarks are tagged in their tables: besides the item itself, one membership item per tag, keyed
 * {@code {itemId}#{tag}} in the same partition and carrying {@link #TAG_ORDER} = {@code {tag}#{createdAt}}, which the
 * {@link Tables#BY_TAG} index sorts. Listing a tag newest first is one query of the caller's partition of that index
 * with {@code begins_with(tagOrder, "{tag}#")}, read backwards: still confined to one user. The item itself carries
 * no {@link #TAG_ORDER}, and membership items no {@code createdAt}, so each index holds one kind only.
 */
public final class TaggedItems {

    /** Sort key of the {@link Tables#BY_TAG} index, on membership items only. */
    public static final String TAG_ORDER = "tagOrder";
    /** Tags are lower-case letters, digits, {@code -} and {@code _}, starting with a letter or digit. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    public static final int MAX_TAGS = 10;
    /** Separates the item id from the tag in a membership key, and the tag from the time in the index's sort key. */
    public static final char SEPARATOR = '#';

    private TaggedItems() {
    }

    /** The sort key of the membership item of {@code itemId} in {@code tag}. */
    public static String membershipKey(String itemId, String tag) {
        return itemId + SEPARATOR + requireTag(tag);
    }

    /** True for the sort key of a membership item rather than of an item. */
    public static boolean isMembershipKey(String sortKey) {
        return sortKey.indexOf(SEPARATOR) >= 0;
    }

    /** The index sort key of a membership item. */
    public static String tagOrder(String tag, String createdAt) {
        return tagPrefix(tag) + createdAt;
    }

    /** What every {@link #TAG_ORDER} of {@code tag} begins with. */
    public static String tagPrefix(String tag) {
        return requireTag(tag) + SEPARATOR;
    }

    private static String requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
        return tag;
    }
}
