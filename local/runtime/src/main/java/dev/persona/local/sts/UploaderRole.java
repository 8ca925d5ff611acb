package dev.persona.local.sts;

import dev.persona.contracts.StorageLayout;
import dev.persona.local.servers.LocalS3Server;

/**
 * The local uploader role, the role the credential vendor ({@code GetAwsCredentialsHandler}) assumes:
 * its permissions are those the CDK app grants the deployed one ({@code UploadsStorage#grantBrowserUploads}),
 * the PutObject family on {@code uploads/*} of the uploads bucket. Each session narrows them further to
 * one user's prefix.
 */
public final class UploaderRole {

    /** What {@code UPLOADER_ROLE_ARN} names locally. */
    public static final String ARN = "arn:aws:iam::" + LocalS3Server.ACCOUNT_ID + ":role/persona-local-uploader";

    private UploaderRole() {
    }

    /** The role's permissions policy for {@code bucket}. */
    public static String permissions(String bucket) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"BrowserUploads","Effect":"Allow",\
                "Action":["s3:PutObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],\
                "Resource":"arn:aws:s3:::%s/%s*"}]}""".formatted(bucket, StorageLayout.UPLOADS_PREFIX);
    }

    /** The role, with IAM's default maximum session of one hour. */
    public static StsRole forBucket(String bucket) {
        return new StsRole(ARN, IamPolicy.parse(permissions(bucket)), StsRole.MIN_SESSION);
    }
}
