package dev.persona.local.stepfunctions.tasks;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients optimized service integrations call AWS with, as one role: DynamoDB for the item integrations,
 * S3 for a distributed Map's ItemReader and ResultWriter. Either may be null when the service has none.
 */
public record IntegrationClients(DynamoDbClient dynamoDb, S3Client s3) {
}
