package dev.persona.api;

/**
 * One more table of a user's records that delete-my-data removes, after the objects and the pipeline's records:
 * the notes, the bookmarks, the files, the account. Each is one deleter, run in the order given.
 */
public interface UserRecords {

    /** The name the deletion report counts it under ({@code notes}). */
    String name();

    /** Deletes every record of the user; returns how many items there were. */
    int deleteAll(String userId);

    /** A deleter named {@code name}. */
    static UserRecords of(String name, java.util.function.ToIntFunction<String> deleteAll) {
        return new UserRecords() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int deleteAll(String userId) {
                return deleteAll.applyAsInt(userId);
            }
        };
    }
}
