package dev.persona.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds SDK clients once, at a handler's init. Region and credentials come from the Lambda
 * environment; endpoint overrides use the SDK's own {@code AWS_ENDPOINT_URL_S3} /
 * {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_STS} variables. The local runtime builds its own
 * clients and hands them to the handlers' composition constructors instead.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** One url-connection client: the fastest to start of the SDK's HTTP clients. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }

    public static S3Client s3() {
        return S3Client.builder().httpClient(httpClient()).build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(httpClient()).build();
    }

    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(httpClient()).build();
    }

    /** CloudFront is global: its API answers in us-east-1 (aws-global), whatever the function's region. */
    public static CloudFrontClient cloudFront() {
        return CloudFrontClient.builder().httpClient(httpClient()).region(Region.AWS_GLOBAL).build();
    }

    /** STS at the function's regional endpoint (the SDK's default); {@code AWS_ENDPOINT_URL_STS} overrides. */
    public static StsClient sts() {
        return StsClient.builder().httpClient(httpClient()).build();
    }
}
