package dev.persona.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.persona.infra.config.StageConfig;
import dev.persona.infra.config.StageConfigReader;
import dev.persona.infra.stacks.PersonaDeployment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: synthesizes the stage named by the {@code stage} context key (cdk.json's default or
 * {@code -c stage=<name>}) with its settings from {@code stages.<name>}, deploying the Lambda jar the
 * Maven build copies next to the app's classes. Needs no AWS credentials.
 */
public final class PersonaApp {

    /** Where the build puts the Lambda deployment jar, relative to the app module's {@code target}. */
    static final String LAMBDA_JAR = "assets/persona-lambdas.jar";

    private PersonaApp() {
    }

    public static void main(String[] args) {
        synthesize(new App());
    }

    /** Composes the configured stage in {@code app} and synthesizes it. */
    static CloudAssembly synthesize(App app) {
        StageConfig config = StageConfigReader.fromContext(app.getNode());
        PersonaDeployment.create(app, config, Code.fromAsset(lambdaJar().toString()));
        return app.synth();
    }

    /** {@code app/target/assets/persona-lambdas.jar}, found from the app's own classes in {@code app/target}. */
    static Path lambdaJar() {
        Path classes;
        try {
            classes = Path.of(PersonaApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the app's classes", e);
        }
        Path jar = classes.getParent().resolve(LAMBDA_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Lambda deployment jar is missing at " + jar
                    + ". Build it first: mvn -B -DskipTests package -pl app -am (cdk.json's build step runs this).");
        }
        return jar;
    }
}
