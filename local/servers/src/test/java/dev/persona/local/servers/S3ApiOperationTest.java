package dev.persona.local.servers;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class S3ApiOperationTest {

    /** {@code method, path (s = service, b = bucket, k = key), query names, headers, operation}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET    | s |                         |                   | LIST_BUCKETS",
            "GET    | b |                         |                   | LIST_OBJECTS",
            "GET    | b | list-type prefix        |                   | LIST_OBJECTS_V2",
            "GET    | b | versions prefix         |                   | LIST_OBJECT_VERSIONS",
            "GET    | b | uploads                 |                   | LIST_MULTIPART_UPLOADS",
            "GET    | b | location                |                   | GET_BUCKET_LOCATION",
            "GET    | b | policy                  |                   | GET_BUCKET_POLICY",
            "PUT    | b | cors                    |                   | PUT_BUCKET_CORS",
            "DELETE | b | lifecycle               |                   | DELETE_BUCKET_LIFECYCLE",
            "GET    | b | website                 |                   | UNKNOWN",
            "PUT    | b |                         |                   | CREATE_BUCKET",
            "HEAD   | b |                         |                   | HEAD_BUCKET",
            "POST   | b | delete                  |                   | DELETE_OBJECTS",
            "POST   | b |                         |                   | POST_OBJECT",
            "GET    | k |                         |                   | GET_OBJECT",
            "GET    | k | versionId               |                   | GET_OBJECT",
            "GET    | k | X-Amz-Credential X-Amz-Security-Token |   | GET_OBJECT",
            "HEAD   | k | versionId               |                   | HEAD_OBJECT",
            "GET    | k | uploadId                |                   | LIST_PARTS",
            "GET    | k | attributes              |                   | GET_OBJECT_ATTRIBUTES",
            "GET    | k | torrent                 |                   | UNKNOWN",
            "PUT    | k |                         |                   | PUT_OBJECT",
            "PUT    | k |                         | x-amz-copy-source | COPY_OBJECT",
            "PUT    | k | partNumber uploadId     |                   | UPLOAD_PART",
            "PUT    | k | partNumber uploadId     | x-amz-copy-source | UPLOAD_PART_COPY",
            "PUT    | k | tagging                 |                   | PUT_OBJECT_TAGGING",
            "PUT    | k | retention               |                   | UNKNOWN",
            "POST   | k | uploads                 |                   | CREATE_MULTIPART_UPLOAD",
            "POST   | k | uploadId                |                   | COMPLETE_MULTIPART_UPLOAD",
            "DELETE | k | uploadId                |                   | ABORT_MULTIPART_UPLOAD",
            "DELETE | k | versionId               |                   | DELETE_OBJECT",
            "PATCH  | k |                         |                   | UNKNOWN",
            "OPTIONS| k |                         |                   | OPTIONS_PREFLIGHT"})
    void classifiesARequestAsS3Does(String method, String path, String query, String header, S3ApiOperation expected) {
        Set<String> names = query == null ? Set.of() : Set.copyOf(Arrays.asList(query.split(" ")));
        assertThat(S3ApiOperation.classify(method, !path.equals("s"), path.equals("k"), names,
                name -> name.equals(header))).isEqualTo(expected);
    }
}
