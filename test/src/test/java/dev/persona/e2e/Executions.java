package dev.persona.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import dev.persona.contracts.StorageLayout;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The pipeline executions of one job. Executions carry generated names, as the upload rule's starts them on AWS,
 * so a job's are found by the upload key in their input.
 */
final class Executions {

    private Executions() {
    }

    /** The executions started for the job's upload, oldest first. */
    static List<ExecutionListItem> ofJob(SfnClient sfn, String stateMachineArn, String userId, String jobId) {
        // S3 writes the key URL-encoded into the event (ids the API hands out are the same either way).
        String keyPrefix = "\"" + URLEncoder.encode(StorageLayout.userUploadsPrefix(userId) + jobId + "/",
                StandardCharsets.UTF_8).replace("%2F", "/");
        return sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(execution -> sfn.describeExecution(b -> b.executionArn(execution.executionArn())).input()
                        .contains(keyPrefix))
                .sorted(Comparator.comparing(ExecutionListItem::startDate))
                .toList();
    }
}
