package dev.persona.local.stepfunctions.asl.exec;

import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

import dev.persona.local.stepfunctions.tasks.TaskResources;
import dev.persona.local.stepfunctions.tasks.TaskTokens;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * What every execution of one service shares: the clock, the task resources, the task tokens, the threads that run
 * branches, iterations and task calls (virtual threads suit them), AWS's limits, the randomness of jittered
 * retries, and where distributed Maps keep their Map Runs.
 */
public record ExecutionServices(TimeSource time, TaskResources resources, TaskTokens tokens,
                                ExecutorService branchThreads, ExecutionLimits limits, RandomGenerator random,
                                MapRuns mapRuns) {
}
