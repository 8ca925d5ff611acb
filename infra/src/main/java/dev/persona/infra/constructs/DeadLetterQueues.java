package dev.persona.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The project's dead-letter queues: encrypted with SQS-managed keys, TLS only, messages kept 14 days (SQS's longest),
 * each watched by a paging alarm on its depth. A dead-letter queue has none of its own, which cdk-nag's SQS3 asks for;
 * each acknowledgement says what the queue catches.
 */
final class DeadLetterQueues {

    private DeadLetterQueues() {
    }

    /**
     * @param scope     where the queue goes
     * @param id        its construct id
     * @param catchesWhat what lands in it, as the acknowledgement's first sentence
     */
    static Queue create(Construct scope, String id, String catchesWhat) {
        Queue queue = Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagAcknowledgements.acknowledge(queue, "SQS3", catchesWhat + " The alarm on its depth is how its messages get "
                + "attention.");
        return queue;
    }
}
