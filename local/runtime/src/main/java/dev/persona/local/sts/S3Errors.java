package dev.persona.local.sts;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The errors S3 answers session credentials with; S3Proxy renders them as S3's XML error body. */
final class S3Errors {

    private S3Errors() {
    }

    static S3Exception accessDenied() {
        return error(403, "AccessDenied", "Access Denied");
    }

    static S3Exception expiredToken() {
        return error(400, "ExpiredToken", "The provided token has expired.");
    }

    private static S3Exception error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }
}
