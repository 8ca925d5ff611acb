package dev.persona.local.stepfunctions.tasks;

/** Finds the local implementation of a Task state's resource. */
public interface TaskResources {

    /** The implementation of {@code resource}; throws {@link UnsupportedResourceException} saying why there is none. */
    TaskResource resolve(ResourceArn resource);

    /** The clients optimized integrations and distributed Maps call AWS with, as {@code roleArn}. */
    IntegrationClients clients(String roleArn);
}
