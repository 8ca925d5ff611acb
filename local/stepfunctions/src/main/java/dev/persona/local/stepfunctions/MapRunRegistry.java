package dev.persona.local.stepfunctions;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.persona.local.stepfunctions.asl.exec.MapRun;
import dev.persona.local.stepfunctions.asl.exec.MapRuns;

/** The Map Runs of the service's executions, by ARN, for ListMapRuns and DescribeMapRun. */
final class MapRunRegistry implements MapRuns {

    private final Map<String, MapRun> runs = new ConcurrentHashMap<>();

    @Override
    public void register(MapRun mapRun) {
        runs.put(mapRun.arn(), mapRun);
    }

    @Override
    public Optional<MapRun> find(String mapRunArn) {
        return Optional.ofNullable(runs.get(mapRunArn));
    }

    /** The Map Runs an execution started, oldest first. */
    List<MapRun> of(String executionArn) {
        return runs.values().stream().filter(run -> run.executionArn().equals(executionArn))
                .sorted(Comparator.comparing(MapRun::startDate).thenComparing(MapRun::arn)).toList();
    }
}
