package dev.persona.infra.constructs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.WebApp;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Puts the built web app into the web bucket at deployment, with its runtime configuration: the hashed files under
 * {@value WebApp#ASSETS_DIRECTORY} first, cached for a year, then {@value WebApp#INDEX} and
 * {@value WebApp#CONFIG_FILE} with {@code Cache-Control: no-cache}. No invalidation is needed (nor its permission
 * on every distribution): with {@code no-cache} CloudFront keeps an object only for the cache policy's minimum TTL
 * (CachePolicyConfig: "CloudFront will cache content for at least the duration specified in the cache policy's
 * minimum TTL, even if the Cache-Control: no-cache … directives are present"), one second for CachingOptimized.
 * {@value WebApp#CONFIG_FILE} is written by the deployment itself from the values it is given, which may be tokens
 * of other stacks (the user pool's domain and client): one build of the app serves every stage.
 *
 * <p>Nothing is pruned: files of earlier deployments stay, so a page loaded just before a deployment still finds
 * the assets its entry page names.
 */
public final class WebAppDeployment extends Construct {

    private final BucketDeployment assets;
    private final BucketDeployment entry;

    /**
     * @param webBucket    the bucket the distribution serves the app from. Required
     * @param site         the built site: {@value WebApp#INDEX} and {@value WebApp#ASSETS_DIRECTORY}. Required
     * @param config       the members of {@value WebApp#CONFIG_FILE} ({@link WebApp.Config}). Required
     */
    public record Props(IBucket webBucket, Path site, Map<String, Object> config) {

        public Props {
            Objects.requireNonNull(webBucket, "webBucket");
            Objects.requireNonNull(site, "site");
            config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
            if (!Files.isRegularFile(site.resolve(WebApp.INDEX)) || !Files.isDirectory(site.resolve(WebApp.ASSETS_DIRECTORY))) {
                throw new IllegalArgumentException("no built web app at " + site + " (" + WebApp.INDEX + " and "
                        + WebApp.ASSETS_DIRECTORY + "): build the web module first");
            }
        }
    }

    public WebAppDeployment(Construct scope, String id, Props props) {
        super(scope, id);
        assets = BucketDeployment.Builder.create(this, "Assets")
                .sources(List.of(Source.asset(props.site().resolve(WebApp.ASSETS_DIRECTORY).toString())))
                .destinationBucket(props.webBucket())
                .destinationKeyPrefix(WebApp.ASSETS_DIRECTORY)
                .cacheControl(List.of(CacheControl.fromString(WebApp.IMMUTABLE_CACHE_CONTROL)))
                .prune(false)
                .build();
        entry = BucketDeployment.Builder.create(this, "EntryAndConfig")
                .sources(List.of(
                        Source.data(WebApp.INDEX, read(props.site().resolve(WebApp.INDEX))),
                        Source.jsonData(WebApp.CONFIG_FILE, props.config())))
                .destinationBucket(props.webBucket())
                .cacheControl(List.of(CacheControl.fromString(WebApp.REVALIDATE_CACHE_CONTROL)))
                .prune(false)
                .build();
        // The entry page names the hashed assets: they must be in place before it is.
        entry.getNode().addDependency(assets);
        acknowledgeHandler(props.webBucket());
    }

    /**
     * Both deployments run in the CDK's one bucket-deployment function of the stack, whose role and runtime the CDK
     * chooses: the findings on them are acknowledged once, each named.
     */
    private void acknowledgeHandler(IBucket webBucket) {
        IRole role = assets.getHandlerRole();
        Stack stack = Stack.of(this);
        IConstruct function = role.getNode().getScope();
        NagAcknowledgements.acknowledge(function, "L1", "The CDK's bucket deployment function: its Python runtime "
                + "is the one the CDK version ships and tests; it runs only during deployments.");
        NagAcknowledgements.acknowledgeManagedPolicy(role, "service-role/AWSLambdaBasicExecutionRole",
                "The CDK's bucket deployment function writes its logs with the basic execution role, as every "
                        + "Lambda function needs; it has no other managed policy.");
        NagAcknowledgements.acknowledgeWildcards(role, "The CDK grants its bucket deployment function read access "
                        + "to the staged app files in the bootstrap assets bucket and write access below the web "
                        + "bucket to copy them there.",
                "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*", "Action::s3:Abort*",
                "Action::s3:DeleteObject*",
                "Resource::arn:" + pseudo(stack.getPartition(), "Partition") + ":s3:::cdk-hnb659fds-assets-"
                        + pseudo(stack.getAccount(), "AccountId") + "-" + pseudo(stack.getRegion(), "Region") + "/*");
        NagAcknowledgements.acknowledgePathWildcard(role, (CfnElement) webBucket.getNode().getDefaultChild(), "*",
                "The deployment writes the app's files anywhere below the web bucket, which holds nothing else.");
    }

    /** How cdk-nag prints a value: literal in a stack pinned to an environment, else as its pseudo parameter. */
    private static String pseudo(String value, String parameter) {
        return Token.isUnresolved(value) ? "<AWS::" + parameter + ">" : value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BucketDeployment assets() {
        return assets;
    }

    public BucketDeployment entryAndConfig() {
        return entry;
    }
}
