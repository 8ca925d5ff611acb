package dev.persona.items;

import java.util.Optional;

import dev.persona.http.ApiException;
import dev.persona.http.EntityTags;
import dev.persona.http.ErrorCode;

/** What a conditional write answers: the {@code If-Match} a client sent against the revision stored. */
public final class RevisionChecks {

    private RevisionChecks() {
    }

    /** A 412 unless {@code ifMatch} (when given) names {@code revision}. */
    public static void require(Optional<String> ifMatch, String revision) {
        if (ifMatch.isPresent() && !EntityTags.matchesStrongly(ifMatch.get(), EntityTags.ofRevision(revision))) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED);
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
