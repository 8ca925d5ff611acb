package dev.persona.contracts;

import java.util.List;

/**
 * The web app's files and its runtime configuration, as the CDK app deploys them into the web bucket and the
 * local runtime serves them at {@code /}.
 *
 * <p>The built site is {@value #INDEX} with hashed, never-changing files below {@value #ASSETS_DIRECTORY}. Its
 * settings are not built in: the app reads {@value #CONFIG_FILE} at start, which the CDK app writes at
 * deployment time (so one build serves every stage) and the local runtime writes from its own endpoints.
 */
public final class WebApp {

    /** The entry page, served for every route of the single-page app. */
    public static final String INDEX = "index.html";
    /** The runtime configuration, next to {@value #INDEX}. */
    public static final String CONFIG_FILE = "config.json";
    /** Where Vite puts the hashed scripts and styles. */
    public static final String ASSETS_DIRECTORY = "assets/";

    /** Where the sign-in provider sends the browser back with the authorization code. */
    public static final String SIGN_IN_CALLBACK_PATH = "/auth/callback";
    /** Where the sign-in provider sends the browser after signing out. */
    public static final String SIGNED_OUT_PATH = "/";

    /** Hashed assets never change under their name. */
    public static final String IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** The entry page and the configuration are checked again on every use, so a deployment shows at once. */
    public static final String REVALIDATE_CACHE_CONTROL = "no-cache";

    /** The OAuth scopes the app asks for. */
    public static final List<String> SCOPES = List.of("openid", "email", "profile");
    /** Files up to this size go in one presigned POST; larger ones in parts with vended credentials. */
    public static final long MULTIPART_THRESHOLD_BYTES = 16L * 1024 * 1024;
    /** The size of each part but the last (S3's smallest is 5 MiB). */
    public static final long MULTIPART_PART_BYTES = 8L * 1024 * 1024;

    /** The members of {@value #CONFIG_FILE}. */
    public static final class Config {
        /** The API's base URL; routes start with {@code /v1} below it. */
        public static final String API_BASE_URL = "apiBaseUrl";
        /** The AWS region of the uploads bucket, for signing multipart uploads. */
        public static final String REGION = "region";
        /** The sign-in domain: {@code /oauth2/authorize}, {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /logout}. */
        public static final String AUTH_DOMAIN = "authDomain";
        /** The public app client the app signs in as. */
        public static final String CLIENT_ID = "clientId";
        /** The scopes to ask for. */
        public static final String SCOPES = "scopes";
        /** The largest upload the API accepts. */
        public static final String MAX_UPLOAD_BYTES = "maxUploadBytes";
        /** Above this size an upload goes in parts. */
        public static final String MULTIPART_THRESHOLD_BYTES = "multipartThresholdBytes";
        /** The size of each part. */
        public static final String MULTIPART_PART_BYTES = "multipartPartBytes";

        private Config() {
        }
    }

    private WebApp() {
    }
}
