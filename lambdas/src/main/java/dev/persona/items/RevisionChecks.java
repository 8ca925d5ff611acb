package dev.persona.items;

import java.util.Optional;

import dev.persona.http.ApiException;
import dev.persona.http.EntityTags;
import dev.persona.http.ErrorCode;

/** What a conditional write answers: the {@code If-Match} a client sent against the revision stored. */
public final class RevisionChecks {

    /** A delete without {@code If-Match} that keeps meeting concurrent writes gives up after this many tries. */
    static final int UNCONDITIONAL_DELETE_ATTEMPTS = 3;

    private RevisionChecks() {
    }

    /** A 412 unless {@code ifMatch} (when given) names {@code revision}. */
    public static void require(Optional<String> ifMatch, String revision) {
        if (ifMatch.isPresent() && !EntityTags.matchesStrongly(ifMatch.get(), EntityTags.ofRevision(revision))) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED);
        }
    }

    /**
     * Deletes what {@code read} finds: with {@code ifMatch}, only at that revision (412 otherwise); without, at the
     * revision read, reading again when a concurrent write came between (a few times, then 412).
     */
    public static <T> void delete(java.util.function.Supplier<T> read, java.util.function.Function<T, String> revision,
            Optional<String> ifMatch, java.util.function.Consumer<T> delete, String notFoundDetail) {
        for (int attempt = 1; ; attempt++) {
            T previous = read.get();
            require(ifMatch, revision.apply(previous));
            try {
                delete.accept(previous);
                return;
            } catch (WriteRefusedException e) {
                if (ifMatch.isPresent() || e.reason() == WriteRefusedException.Reason.MISSING
                        || attempt == UNCONDITIONAL_DELETE_ATTEMPTS) {
                    throw answer(e, notFoundDetail);
                }
            }
        }
    }

    /** The API's answer to a write DynamoDB refused: 404 for a missing item, 412 for a stale one, 409 for a taken key. */
    public static ApiException answer(WriteRefusedException refused, String notFoundDetail) {
        return switch (refused.reason()) {
            case MISSING -> new ApiException(ErrorCode.NOT_FOUND, notFoundDetail);
            case STALE -> new ApiException(ErrorCode.PRECONDITION_FAILED);
            case EXISTS -> new ApiException(ErrorCode.CONFLICT);
        };
    }
}
