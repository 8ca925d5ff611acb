package dev.persona.local.stepfunctions.asl.exec;

import java.util.Optional;

/** Where the Map Runs of distributed Map states are kept, so that the API can list and describe them. */
public interface MapRuns {

    void register(MapRun mapRun);

    Optional<MapRun> find(String mapRunArn);
}
