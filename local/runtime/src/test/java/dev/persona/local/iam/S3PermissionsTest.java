package dev.persona.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.local.servers.S3ApiOperation;
import dev.persona.local.servers.S3Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local S3 requires of a caller for each operation, as the S3 service authorization reference says. */
class S3PermissionsTest {

    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/k";
    private static final String OBJECT = "arn:aws:s3:::b/uploads/u/j/a.csv";
    private final S3Permissions permissions = new S3Permissions("aws", "us-east-1",
            bucket -> bucket.equals("b") ? Optional.of(KEY) : Optional.empty());

    private static S3Request request(S3ApiOperation operation, String method, String key, Map<String, List<String>> query,
            Map<String, String> headers) {
        return new S3Request(operation, method, "b", key, query, name -> headers.get(name.toLowerCase()), "AKID", null,
                "REST-HEADER", Map.of());
    }

    private List<String> needs(S3Request request) {
        return permissions.of(request, "123456789012").stream().map(need -> need.action() + " " + need.resource())
                .toList();
    }

    @Test
    void readingAVersionNeedsTheVersionActionAndDecryptingTheKey() {
        assertThat(needs(request(S3ApiOperation.GET_OBJECT, "GET", "uploads/u/j/a.csv",
                Map.of("versionId", List.of("v1")), Map.of())))
                .containsExactly("s3:GetObjectVersion " + OBJECT, "kms:Decrypt " + KEY);
        assertThat(needs(request(S3ApiOperation.GET_OBJECT, "GET", "uploads/u/j/a.csv", Map.of(), Map.of())))
                .containsExactly("s3:GetObject " + OBJECT, "kms:Decrypt " + KEY);
        assertThat(needs(request(S3ApiOperation.HEAD_OBJECT, "HEAD", "uploads/u/j/a.csv",
                Map.of("versionId", List.of("v1")), Map.of())))
                .as("metadata needs no key").containsExactly("s3:GetObjectVersion " + OBJECT);
    }

    @Test
    void writesNeedADataKeyAndMultipartUploadsDecryptTheirParts() {
        assertThat(needs(request(S3ApiOperation.PUT_OBJECT, "PUT", "uploads/u/j/a.csv", Map.of(),
                Map.of("x-amz-tagging", "a=b"))))
                .containsExactly("s3:PutObject " + OBJECT, "s3:PutObjectTagging " + OBJECT,
                        "kms:GenerateDataKey " + KEY);
        assertThat(needs(request(S3ApiOperation.CREATE_MULTIPART_UPLOAD, "POST", "uploads/u/j/a.csv",
                Map.of("uploads", List.of("")), Map.of("x-amz-checksum-algorithm", "CRC32"))))
                .containsExactly("s3:PutObject " + OBJECT, "kms:GenerateDataKey " + KEY);
        assertThat(needs(request(S3ApiOperation.UPLOAD_PART, "PUT", "uploads/u/j/a.csv",
                Map.of("uploadId", List.of("u1"), "partNumber", List.of("1")), Map.of("x-amz-checksum-crc32", "AAAA"))))
                .containsExactly("s3:PutObject " + OBJECT, "kms:Decrypt " + KEY);
        assertThat(needs(request(S3ApiOperation.COMPLETE_MULTIPART_UPLOAD, "POST", "uploads/u/j/a.csv",
                Map.of("uploadId", List.of("u1")), Map.of())))
                .containsExactly("s3:PutObject " + OBJECT, "kms:Decrypt " + KEY);
        assertThat(needs(request(S3ApiOperation.COPY_OBJECT, "PUT", "uploads/u/j/copy.csv", Map.of(),
                Map.of("x-amz-copy-source", "/b/processed/u/j/x?versionId=v2"))))
                .containsExactly("s3:PutObject arn:aws:s3:::b/uploads/u/j/copy.csv", "kms:GenerateDataKey " + KEY,
                        "s3:GetObjectVersion arn:aws:s3:::b/processed/u/j/x", "kms:Decrypt " + KEY);
    }

    @Test
    void listingsCarryTheirPrefixAndDeletingAVersionIsItsOwnAction() {
        S3Request list = request(S3ApiOperation.LIST_OBJECT_VERSIONS, "GET", null,
                Map.of("versions", List.of(""), "prefix", List.of("uploads/u/")), Map.of());
        assertThat(permissions.of(list, "123456789012")).singleElement().satisfies(need -> {
            assertThat(need.action()).isEqualTo("s3:ListBucketVersions");
            assertThat(need.resource()).isEqualTo("arn:aws:s3:::b");
            assertThat(need.context().value("s3:prefix")).isEqualTo("uploads/u/");
        });
        assertThat(needs(request(S3ApiOperation.DELETE_OBJECT, "DELETE", "uploads/u/j/a.csv",
                Map.of("versionId", List.of("v1")), Map.of())))
                .containsExactly("s3:DeleteObjectVersion " + OBJECT);
        assertThat(needs(request(S3ApiOperation.UNKNOWN, "GET", null, Map.of("website", List.of("")), Map.of())))
                .as("what the classification does not know needs what nobody is granted")
                .containsExactly("s3:UnknownOperation arn:aws:s3:::b");
    }
}
