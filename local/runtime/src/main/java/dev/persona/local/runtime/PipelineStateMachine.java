package dev.persona.local.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.Tables;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.statemachines.StateMachineDefinitions;

/**
 * {@code persona-pipeline.asl.json} on the local Step Functions, deployed as the CDK app deploys it: a STANDARD
 * state machine whose definition substitutions are the jobs table's name and each step's alias ARN
 * ({@code arn:aws:lambda:{region}:{account}:function:{id}:live}), which the local Lambda functions resolve to
 * the handler registered under the id.
 */
public final class PipelineStateMachine {

    public static final String NAME = "persona-pipeline";

    private PipelineStateMachine() {
    }

    /** The definition's substitutions, keyed as {@code StateMachineSubstitutions} names them. */
    public static Map<String, String> substitutions(LocalStepFunctions stepFunctions, String jobsTableName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Tables.JOBS.substitutionKey(), jobsTableName);
        for (LambdaFunctions.PipelineFunction step : LambdaFunctions.PIPELINE) {
            values.put(step.substitutionKey(), stepFunctions.lambdaFunctions().functionArn(step.function().id())
                    + ":" + LambdaFunctions.ALIAS_NAME);
        }
        return values;
    }

    /**
     * Creates the state machine with its role, or, when the data directory kept it from an earlier run, brings it
     * to this definition and role as a deployment would (executions that are running keep their definition).
     */
    public static StateMachineRecord deploy(LocalStepFunctions stepFunctions, String jobsTableName, String role) {
        String definition = StateMachineDefinitions.pipeline(substitutions(stepFunctions, jobsTableName));
        try {
            StateMachineRecord created = stepFunctions.createStateMachine(NAME, definition, role,
                    StateMachineType.STANDARD);
            return role.equals(created.roleArn()) ? created
                    : stepFunctions.updateStateMachine(created.arn(), null, role);
        } catch (StepFunctionsException e) {
            if (!"StateMachineAlreadyExists".equals(e.errorType())) {
                throw e;
            }
            return stepFunctions.updateStateMachine(stepFunctions.stateMachineArn(NAME), definition, role);
        }
    }
}
