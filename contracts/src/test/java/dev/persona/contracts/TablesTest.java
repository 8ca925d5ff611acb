package dev.persona.contracts;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TablesTest {

    @Test
    void keyAttributesListEachAttributeOnceAcrossTableAndIndexes() {
        assertThat(Tables.JOBS.keyAttributes()).extracting(KeyAttribute::name)
                .containsExactly("userId", "jobId", "createdAt");
        assertThat(Tables.JOBS.index(Tables.BY_CREATED_AT).sortKey().name()).isEqualTo(JobAttributes.CREATED_AT);
    }

    @Test
    void everyTableIsPartitionedByUser() {
        assertThat(Tables.ALL).allSatisfy(table -> {
            assertThat(table.partitionKey().name()).isEqualTo("userId");
            assertThat(table.globalIndexes()).allSatisfy(
                    index -> assertThat(index.partitionKey().name()).isEqualTo("userId"));
        });
    }

    @Test
    void substitutesPlaceholdersTheWayCloudFormationDoes() {
        String definition = "{\"TableName\":\"${JobsTableName}\",\"F\":\"${PreprocessFunctionArn}\",\"x\":\"${Other}\"}";
        assertThat(StateMachineSubstitutions.substitute(definition,
                Map.of("JobsTableName", "jobs-1", "PreprocessFunctionArn", "arn:f")))
                .isEqualTo("{\"TableName\":\"jobs-1\",\"F\":\"arn:f\",\"x\":\"${Other}\"}");
    }

    @Test
    void handlerClassDropsTheMethod() {
        assertThat(LambdaFunctions.PREPROCESS.handlerClass())
                .isEqualTo("dev.persona.pipeline.preprocess.PreprocessHandler");
        assertThat(LambdaFunctions.PIPELINE).hasSize(4);
        assertThat(LambdaFunctions.ALL).extracting(FunctionDefinition::id).doesNotHaveDuplicates();
        assertThat(ApiRoutes.ALL).allSatisfy(r -> assertThat(LambdaFunctions.API).contains(r.function()));
    }
}
