package dev.persona.local.stepfunctions.asl.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.ItemReader;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A distributed Map's ItemReader against S3, with the clients of the state machine's role. As AWS documents it:
 * {@code s3:listObjectsV2} gives one item per object ({@code Etag}, {@code Key}, {@code LastModified} in epoch
 * seconds, {@code Size}, {@code StorageClass}); {@code s3:getObject} reads a JSON array (one item per element), JSON
 * Lines (one per line), CSV (one object per row, keyed by the header row or the given headers, every value a
 * string) or an S3 Inventory {@code manifest.json} (one object per inventory row, keyed by its fileSchema). Objects
 * are streamed. MaxItems stops reading early. Any failure to read is States.ItemReaderFailed.
 */
final class S3ItemReader {

    /** Reads one element of an array at a time (the mapper's own configuration refuses what follows a value). */
    private static final ObjectReader ELEMENTS = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> GET_OBJECT_PARAMETERS = Set.of("Bucket", "Key", "VersionId");
    private static final Set<String> LIST_PARAMETERS = Set.of("Bucket", "Prefix");

    private S3ItemReader() {
    }

    static ArrayNode read(StateVisit visit, ItemReader reader, StateScope scope) {
        JsonNode parameters = reader.parameters() != null ? reader.parameters().evaluate(scope, scope.input())
                : reader.arguments() != null ? reader.arguments().evaluate(scope) : Json.object();
        long maxItems = reader.maxItems().integer(scope).orElse(Long.MAX_VALUE);
        S3Client s3 = visit.run().resources().clients(visit.run().identity().roleArn()).s3();
        if (s3 == null) {
            throw failure("No S3 client is configured for the role " + visit.run().identity().roleArn());
        }
        ArrayNode items = Json.array();
        try {
            if (reader.source() == ItemReader.Source.LIST_OBJECTS_V2) {
                require(parameters, LIST_PARAMETERS, "s3:listObjectsV2");
                list(s3, parameters, maxItems, items);
            } else {
                require(parameters, GET_OBJECT_PARAMETERS, "s3:getObject");
                try (InputStream object = s3.getObject(b -> b.bucket(text(parameters, "Bucket"))
                        .key(text(parameters, "Key")).versionId(parameters.path("VersionId").textValue()))) {
                    read(s3, reader, object, maxItems, items);
                }
            }
        } catch (SdkException e) {
            throw failure("Failed to read the items from S3: " + e.getMessage());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw failure("Failed to read the items: " + e.getMessage());
        }
        return items;
    }

    private static void require(JsonNode parameters, Set<String> allowed, String action) {
        for (String name : Json.names(parameters)) {
            if (!allowed.contains(name)) {
                throw failure("The parameter '" + name + "' of " + action + " is not supported by the local Step "
                        + "Functions; supported are " + allowed.stream().sorted().toList());
            }
        }
        if (!parameters.path("Bucket").isTextual()) {
            throw failure("The ItemReader needs a Bucket");
        }
    }

    private static String text(JsonNode parameters, String name) {
        JsonNode value = parameters.get(name);
        if (value == null || !value.isTextual()) {
            throw failure("The ItemReader needs a " + name);
        }
        return value.textValue();
    }

    private static StatesFailure failure(String cause) {
        return StatesFailure.of(StatesError.ITEM_READER_FAILED, cause);
    }

    private static void list(S3Client s3, JsonNode parameters, long maxItems, ArrayNode items) {
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(text(parameters, "Bucket"))
                    .prefix(parameters.path("Prefix").textValue()).continuationToken(continuation));
            for (S3Object object : page.contents()) {
                if (items.size() >= maxItems) {
                    return;
                }
                ObjectNode item = items.addObject();
                item.put("Etag", object.eTag());
                item.put("Key", object.key());
                item.put("LastModified", object.lastModified().getEpochSecond());
                item.put("Size", object.size());
                item.put("StorageClass", object.storageClassAsString() == null ? "STANDARD"
                        : object.storageClassAsString());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    private static void read(S3Client s3, ItemReader reader, InputStream object, long maxItems, ArrayNode items)
            throws IOException {
        switch (reader.inputType()) {
            case JSON -> jsonArray(object, maxItems, items);
            case JSONL -> jsonLines(object, maxItems, items);
            case CSV -> csv(object, reader.csvDelimiter().character(),
                    reader.csvHeaderLocation() == ItemReader.CsvHeaderLocation.GIVEN ? reader.csvHeaders() : null,
                    maxItems, items);
            case MANIFEST -> inventory(s3, object, maxItems, items);
        }
    }

    private static void jsonArray(InputStream object, long maxItems, ArrayNode items) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(object)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the object is not a JSON array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY && items.size() < maxItems) {
                items.add((JsonNode) ELEMENTS.readTree(parser));
            }
        }
    }

    private static void jsonLines(InputStream object, long maxItems, ArrayNode items) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(object, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while (items.size() < maxItems && (line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                items.add(Json.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " is not JSON: " + e.getMessage(), e);
            }
        }
    }

    /** One object per row, keyed by {@code headers} (or the first row when null); every value is a string. */
    private static void csv(InputStream object, char delimiter, List<String> headers, long maxItems,
                            ArrayNode items) throws IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(new InputStreamReader(object,
                StandardCharsets.UTF_8)), delimiter);
        List<String> columns = headers != null ? headers : records.next();
        if (columns == null) {
            return;
        }
        List<String> row;
        int number = headers != null ? 0 : 1;
        while (items.size() < maxItems && (row = records.next()) != null) {
            number++;
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + number + " has " + row.size() + " fields but there are "
                        + columns.size() + " headers");
            }
            ObjectNode item = items.addObject();
            for (int i = 0; i < columns.size(); i++) {
                item.put(columns.get(i), row.get(i));
            }
        }
    }

    /**
     * An S3 Inventory manifest: its {@code files} are gzip-compressed CSV files in the destination bucket, whose
     * columns its {@code fileSchema} names.
     */
    private static void inventory(S3Client s3, InputStream object, long maxItems, ArrayNode items) throws IOException {
        JsonNode manifest = Json.MAPPER.readTree(object);
        if (!manifest.path("fileFormat").asText().equals("CSV")) {
            throw new IllegalArgumentException("only CSV inventories are supported, not "
                    + manifest.path("fileFormat").asText("(none)"));
        }
        String destination = manifest.path("destinationBucket").asText();
        String bucket = destination.substring(destination.lastIndexOf(':') + 1);
        List<String> columns = List.of(manifest.path("fileSchema").asText().split("\\s*,\\s*"));
        for (JsonNode file : manifest.path("files")) {
            if (items.size() >= maxItems) {
                return;
            }
            try (InputStream compressed = s3.getObject(b -> b.bucket(bucket).key(file.path("key").asText()));
                 InputStream rows = new GZIPInputStream(compressed)) {
                csv(rows, ',', columns, maxItems, items);
            }
        }
    }
}
