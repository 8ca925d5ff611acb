package dev.persona.infra.permissions;

import java.util.Map;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.iam.ResourceNames;
import dev.persona.infra.constructs.DataTable;
import dev.persona.infra.constructs.JavaFunction;
import dev.persona.infra.stacks.PersonaDeployment;
import software.constructs.IConstruct;

import static dev.persona.infra.SynthesizedStage.logicalId;

/**
 * The model's resources named as {@link TemplateExpressions} evaluates the template's references to the
 * resources the stage created: what each ARN is, by the logical id of the resource it must point at.
 */
final class SymbolicResourceNames implements ResourceNames {

    private final PersonaDeployment deployment;
    private final Map<FunctionDefinition, JavaFunction> functions;
    private final Map<TableDefinition, DataTable> tables;

    SymbolicResourceNames(PersonaDeployment deployment, Map<FunctionDefinition, JavaFunction> functions,
            Map<TableDefinition, DataTable> tables) {
        this.deployment = deployment;
        this.functions = functions;
        this.tables = tables;
    }

    @Override
    public String partition() {
        return "${AWS::Partition}";
    }

    @Override
    public String region() {
        return "${AWS::Region}";
    }

    @Override
    public String bucketArn() {
        return attribute(deployment.data().storage().bucket(), "Arn");
    }

    @Override
    public String bucketKeyArn() {
        return attribute(deployment.data().storage().key(), "Arn");
    }

    @Override
    public String tableArn(TableDefinition table) {
        return attribute(tables.get(table).table(), "Arn");
    }

    @Override
    public String functionAliasArn(FunctionDefinition function) {
        return "{Ref:" + logicalId(functions.get(function).alias()) + "}";
    }

    @Override
    public String logGroupArn(FunctionDefinition function) {
        return attribute(functions.get(function).logGroup(), "Arn");
    }

    @Override
    public String stateMachineArn() {
        return "{Ref:" + logicalId(deployment.backend().pipeline().stateMachine()) + "}";
    }

    @Override
    public String uploaderRoleArn() {
        return attribute(deployment.backend().apiFunctions().uploaderRole(), "Arn");
    }

    @Override
    public String signingKeySecretArn() {
        return "{Ref:" + logicalId(deployment.backend().signingKey().secret()) + "}";
    }

    @Override
    public String signingKeySecretKeyArn() {
        return attribute(deployment.backend().signingKey().key(), "Arn");
    }

    @Override
    public String tableStreamArn(TableDefinition table) {
        return attribute(tables.get(table).table(), "StreamArn");
    }

    @Override
    public String fileStreamFailuresArn() {
        return attribute(deployment.backend().fileLibrary().streamFailures(), "Arn");
    }

    static String attribute(IConstruct construct, String attribute) {
        return "{" + logicalId(construct) + "." + attribute + "}";
    }
}
