package dev.persona.local.stepfunctions.asl.exec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.Timestamps;
import dev.persona.local.stepfunctions.asl.states.ResultWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A distributed Map's result, as AWS's ResultWriter documentation describes it. Without a ResultWriter: each
 * child's output in item order (a failed child's error output). With WriterConfig's Transformation: NONE gives
 * each child's execution metadata ({@code ExecutionArn}, {@code Input}, {@code Output}, {@code Status}, ...),
 * COMPACT the outputs, FLATTEN the outputs with arrays flattened; a failed child always gives its metadata (as
 * NONE). Exported (Resource and Parameters): the entries are written to S3 under {@code <Prefix>/<Map Run id>/},
 * one file per status ({@code SUCCEEDED_0.json}, {@code FAILED_0.json}, {@code PENDING_0.json}, as a JSON array
 * or JSON Lines) and a {@code manifest.json} listing them, and the state's result is the Map Run's ARN with the
 * manifest's location. A failure to write is States.ResultWriterFailed.
 */
final class MapResults {

    private MapResults() {
    }

    static JsonNode result(StateVisit visit, ResultWriter writer, MapRun mapRun, StateScope scope) {
        if (writer == null) {
            ArrayNode outputs = Json.array();
            for (int i = 0; i < mapRun.size(); i++) {
                MapRun.Child child = mapRun.child(i);
                outputs.add(child.status() == ExecutionStatus.SUCCEEDED ? child.output()
                        : Executor.errorOutput(new StatesFailure(child.error(), child.cause())));
            }
            return outputs;
        }
        Map<String, ArrayNode> byStatus = new LinkedHashMap<>();
        byStatus.put("SUCCEEDED", Json.array());
        byStatus.put("FAILED", Json.array());
        byStatus.put("PENDING", Json.array());
        ArrayNode all = Json.array();
        for (int i = 0; i < mapRun.size(); i++) {
            MapRun.Child child = mapRun.child(i);
            ArrayNode group = byStatus.get(child == null ? "PENDING"
                    : child.status() == ExecutionStatus.SUCCEEDED ? "SUCCEEDED" : "FAILED");
            if (child != null) {
                add(child, mapRun, writer.transformation(), group);
                add(child, mapRun, writer.transformation(), all);
            }
        }
        if (!writer.exports()) {
            return all;
        }
        return export(visit, writer, mapRun, scope, byStatus);
    }

    private static void add(MapRun.Child child, MapRun mapRun, ResultWriter.Transformation transformation,
                            ArrayNode entries) {
        if (child.status() != ExecutionStatus.SUCCEEDED || transformation == ResultWriter.Transformation.NONE) {
            entries.add(metadata(child, mapRun));
        } else if (transformation == ResultWriter.Transformation.FLATTEN && child.output().isArray()) {
            entries.addAll((ArrayNode) child.output());
        } else {
            entries.add(child.output());
        }
    }

    /** A child execution as DescribeExecution would describe it, in ResultWriter's member names. */
    private static ObjectNode metadata(MapRun.Child child, MapRun mapRun) {
        ObjectNode entry = Json.object();
        boolean succeeded = child.status() == ExecutionStatus.SUCCEEDED;
        entry.put("ExecutionArn", child.executionArn());
        entry.put("Input", Json.write(child.input()));
        entry.putObject("InputDetails").put("Included", true);
        entry.put("Name", child.name());
        if (succeeded) {
            entry.put("Output", Json.write(child.output()));
            entry.putObject("OutputDetails").put("Included", true);
        } else {
            if (child.error() != null) {
                entry.put("Error", child.error());
            }
            if (child.cause() != null) {
                entry.put("Cause", child.cause());
            }
        }
        entry.put("RedriveCount", 0);
        entry.put("RedriveStatus", succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE_BY_MAP_RUN");
        if (succeeded) {
            entry.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        }
        entry.put("StartDate", Timestamps.format(child.startDate()));
        entry.put("StateMachineArn", mapRun.stateMachineArn());
        entry.put("Status", child.status().name());
        entry.put("StopDate", Timestamps.format(child.stopDate()));
        return entry;
    }

    private static JsonNode export(StateVisit visit, ResultWriter writer, MapRun mapRun, StateScope scope,
                                   Map<String, ArrayNode> byStatus) {
        JsonNode parameters = writer.parameters() != null ? writer.parameters().evaluate(scope, scope.input())
                : writer.arguments().evaluate(scope);
        JsonNode bucketNode = parameters.get("Bucket");
        if (bucketNode == null || !bucketNode.isTextual()) {
            throw failure("The ResultWriter needs a Bucket");
        }
        for (String name : Json.names(parameters)) {
            if (!name.equals("Bucket") && !name.equals("Prefix")) {
                throw failure("The parameter '" + name + "' of s3:putObject is not supported by the local Step "
                        + "Functions; supported are [Bucket, Prefix]");
            }
        }
        String bucket = bucketNode.textValue();
        String prefix = parameters.path("Prefix").asText("");
        String mapRunId = mapRun.arn().substring(mapRun.arn().lastIndexOf(':') + 1);
        String folder = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + mapRunId + "/";
        S3Client s3 = visit.run().resources().clients(visit.run().identity().roleArn()).s3();
        if (s3 == null) {
            throw failure("No S3 client is configured for the role " + visit.run().identity().roleArn());
        }
        ObjectNode manifest = Json.object();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRun.arn());
        ObjectNode files = manifest.putObject("ResultFiles");
        int written = 0;
        try {
            for (String status : new String[] {"FAILED", "PENDING", "SUCCEEDED"}) {
                ArrayNode list = files.putArray(status);
                ArrayNode entries = byStatus.get(status);
                if (entries.isEmpty()) {
                    continue;
                }
                String key = folder + status + "_0.json";
                byte[] body = serialize(entries, writer.outputType());
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                        RequestBody.fromBytes(body));
                list.addObject().put("Key", key).put("Size", body.length);
                if (!status.equals("PENDING")) {
                    written += entries.size();
                }
            }
            String manifestKey = folder + "manifest.json";
            s3.putObject(b -> b.bucket(bucket).key(manifestKey).contentType("application/json"),
                    RequestBody.fromString(Json.write(manifest)));
            mapRun.resultsWritten(written);
            ObjectNode result = Json.object();
            result.put("MapRunArn", mapRun.arn());
            ObjectNode details = result.putObject("ResultWriterDetails");
            details.put("Bucket", bucket);
            details.put("Key", manifestKey);
            return result;
        } catch (SdkException e) {
            throw failure("Failed to write the results to S3: " + e.getMessage());
        }
    }

    /** A JSON array, or JSON Lines (one entry per line). */
    private static byte[] serialize(ArrayNode entries, ResultWriter.OutputType type) {
        if (type == ResultWriter.OutputType.JSON) {
            return Json.write(entries).getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder lines = new StringBuilder();
        entries.forEach(entry -> lines.append(Json.write(entry)).append('\n'));
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StatesFailure failure(String cause) {
        return StatesFailure.of(StatesError.RESULT_WRITER_FAILED, cause);
    }
}
