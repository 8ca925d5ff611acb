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
    /** Where the build unpacks the built web app, relative to the app module's {@code target}. */
    static final String WEB_SITE = "assets/persona-web";

    private PersonaApp() {
    }

    public static void main(String[] args) {
        synthesize(new App());
    }

    /** Composes the configured stage in {@code app} and synthesizes it. */
    static CloudAssembly synthesize(App app) {
        StageConfig config = StageConfigReader.fromContext(app.getNode());
        PersonaDeployment.create(app, config, Code.fromAsset(lambdaJar().toString()), webSite());
        return app.synth();
    }

    /** {@code app/target/assets/persona-lambdas.jar}, found from the app's own classes in {@code app/target}. */
    static Path lambdaJar() {
        Path jar = target().resolve(LAMBDA_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Lambda deployment jar is missing at " + jar
                    + ". Build it first: mvn -B -DskipTests package -pl app -am (cdk.json's build step runs this).");
        }
        return jar;
    }

    /** {@code app/target/assets/persona-web}: the web module's built site, which the edge stack deploys. */
    static Path webSite() {
        Path site = target().resolve(WEB_SITE);
        if (!Files.isRegularFile(site.resolve("index.html"))) {
            throw new IllegalStateException("The built web app is missing at " + site
                    + ". Build it first: mvn -B -DskipTests package -pl app -am (cdk.json's build step runs this).");
        }
        return site;
    }

    private static Path target() {
        try {
            return Path.of(PersonaApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the app's classes", e);
        }
    }
}
