package dev.persona.local.gateway;

import java.util.Map;

import dev.persona.contracts.ApiRoutes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final RouteTable routes = new RouteTable(ApiRoutes.ALL);

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        RouteTable.ResourceMatch latest = routes.resource("/v1/personas/latest").orElseThrow();
        assertThat(latest.resource().path()).isEqualTo("/v1/personas/latest");
        assertThat(latest.pathParameters()).isEmpty();

        RouteTable.ResourceMatch job = routes.resource("/v1/personas/job-1").orElseThrow();
        assertThat(job.resource().path()).isEqualTo("/v1/personas/{jobId}");
        assertThat(job.pathParameters()).isEqualTo(Map.of("jobId", "job-1"));
    }

    @Test
    void pathParametersAreDecodedAndMatchOneWholeSegment() {
        assertThat(routes.resource("/v1/jobs/a%20b%2Bc").orElseThrow().pathParameters())
                .isEqualTo(Map.of("jobId", "a b+c"));
        assertThat(routes.resource("/v1/jobs/a/b")).isEmpty();
    }

    @Test
    void aResourceListsItsMethods() {
        assertThat(routes.resource("/v1/uploads").orElseThrow().resource().methods()).containsExactly("POST");
        assertThat(routes.resource("/v1/uploads").orElseThrow().resource().route("GET")).isEmpty();
    }

    @Test
    void aGreedyParameterTakesOneOrMoreSegments() {
        RouteTable.ResourceMatch batch = routes.resource("/trpc/jobs.get,personas.latest").orElseThrow();
        assertThat(batch.resource().path()).isEqualTo(ApiRoutes.TRPC_RESOURCE);
        assertThat(batch.resource().methods()).containsExactly("GET", "POST");
        assertThat(batch.pathParameters()).isEqualTo(Map.of("proxy", "jobs.get,personas.latest"));
        assertThat(routes.resource("/trpc/a/b%2Fc").orElseThrow().pathParameters())
                .isEqualTo(Map.of("proxy", "a/b/c"));
        assertThat(routes.resource("/trpc")).as("at least one segment").isEmpty();
        assertThat(routes.resource("/trpc/")).isEmpty();
    }

    @Test
    void everyOtherMatchingResourceWinsOverAGreedyOne() {
        RouteTable table = new RouteTable(java.util.List.of(
                new dev.persona.contracts.ApiRoute("GET", "/a/{rest+}", dev.persona.contracts.LambdaFunctions.JOBS),
                new dev.persona.contracts.ApiRoute("GET", "/a/{id}", dev.persona.contracts.LambdaFunctions.JOBS),
                new dev.persona.contracts.ApiRoute("GET", "/a/fixed", dev.persona.contracts.LambdaFunctions.JOBS)));
        assertThat(table.resource("/a/fixed").orElseThrow().resource().path()).isEqualTo("/a/fixed");
        assertThat(table.resource("/a/x").orElseThrow().resource().path()).isEqualTo("/a/{id}");
        assertThat(table.resource("/a/x/y").orElseThrow().resource().path()).isEqualTo("/a/{rest+}");
    }

    @Test
    void pathsWithoutAResourceMatchNothing() {
        assertThat(routes.resource("/")).isEmpty();
        assertThat(routes.resource("/v1")).isEmpty();
        assertThat(routes.resource("/v1//jobs")).isEmpty();
        assertThat(routes.resource("/v2/jobs")).isEmpty();
        assertThat(routes.resource("v1/jobs")).isEmpty();
    }
}
