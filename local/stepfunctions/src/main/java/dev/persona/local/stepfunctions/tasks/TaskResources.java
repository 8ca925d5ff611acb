package dev.persona.local.stepfunctions.tasks;

/** Finds the local implementation of a Task state's resource. */
public interface TaskResources {

    /** The implementation of {@code resource}; throws {@link UnsupportedResourceException} saying why there is none. */
    TaskResource resolve(ResourceArn resource);
}
