package dev.persona.infra.stacks;

import java.nio.file.Path;
import java.util.List;

import dev.persona.infra.config.StageConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Code;

/**
 * One stage of the system: its four stacks, composed from the stage configuration and the Lambda jar,
 * tagged with the project and stage, and checked by cdk-nag's AWS Solutions rules.
 *
 * @param data     uploads bucket, access logs, tables (stateful)
 * @param identity user pool and web client (stateful)
 * @param backend  pipeline, API, monitoring (stateless)
 * @param edge     CloudFront distribution and web bucket
 */
public record PersonaDeployment(DataStack data, IdentityStack identity, BackendStack backend, EdgeStack edge) {

    /**
     * @param lambdaCode the functions' deployment package
     * @param webSite    the built web app (the web module's {@code target/dist})
     */
    public static PersonaDeployment create(App app, StageConfig config, Code lambdaCode, Path webSite) {
        // cfn-lint rejects Tags on AWS::CloudWatch::Dashboard, and a dashboard costs nothing to attribute.
        TagProps tagProps = TagProps.builder().excludeResourceTypes(List.of("AWS::CloudWatch::Dashboard")).build();
        Tags.of(app).add("project", "persona-pipeline", tagProps);
        Tags.of(app).add("stage", config.stageName(), tagProps);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());

        DataStack data = new DataStack(app, config.stackName("data"),
                stackProps(config, "Uploads bucket, access logs and tables", config.production()), config);
        IdentityStack identity = new IdentityStack(app, config.stackName("identity"),
                stackProps(config, "Cognito user pool federated with Google", config.production()), config);
        BackendStack backend = new BackendStack(app, config.stackName("backend"),
                stackProps(config, "Processing pipeline, API and monitoring", false), config, lambdaCode, data,
                identity);
        EdgeStack edge = new EdgeStack(app, config.stackName("edge"),
                stackProps(config, "CloudFront distribution of the web app and the API", false), config, data,
                identity, backend, webSite);
        return new PersonaDeployment(data, identity, backend, edge);
    }

    private static StackProps stackProps(StageConfig config, String description, boolean terminationProtection) {
        StackProps.Builder props = StackProps.builder()
                .description("persona-pipeline " + config.stageName() + ": " + description)
                .terminationProtection(terminationProtection);
        if (config.account() != null) {
            props.env(Environment.builder().account(config.account()).region(config.region()).build());
        }
        return props.build();
    }
}
