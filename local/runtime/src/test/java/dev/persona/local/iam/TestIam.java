package dev.persona.local.iam;

import java.time.Clock;

import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.runtime.LocalResourceNames;

/** A local account for tests: the standard permission model over a bucket, with root credentials of its own. */
public final class TestIam {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String ROOT_KEY = "root-access-key";
    public static final String ROOT_SECRET = "root-secret-key";
    public static final String KEY_ID = "0c1d2e3f-4a5b-4c6d-8e7f-901234567890";

    private TestIam() {
    }

    public static LocalResourceNames names(String bucket) {
        return new LocalResourceNames(ACCOUNT, REGION, bucket, KEY_ID, "persona-pipeline");
    }

    public static LocalIam iam(String bucket, Clock clock) {
        return iam(bucket, clock, PermissionModel.standard());
    }

    public static LocalIam iam(String bucket, Clock clock, PermissionModel model) {
        return LocalIam.builder().names(names(bucket)).model(model).root(ACCOUNT, ROOT_KEY, ROOT_SECRET).clock(clock)
                .build();
    }

    /** The role the credential vendor runs as. */
    public static String vendor() {
        return LambdaFunctions.GET_AWS_CREDENTIALS.id();
    }
}
