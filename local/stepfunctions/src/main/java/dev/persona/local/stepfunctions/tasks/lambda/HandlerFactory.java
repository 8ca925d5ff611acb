package dev.persona.local.stepfunctions.tasks.lambda;

/** Creates the handler instance of a function registered by class name, on its first invocation (its cold start). */
@FunctionalInterface
public interface HandlerFactory {

    Object create(Class<?> handlerClass) throws Exception;

    /** The public no-argument constructor, as the Lambda Java runtime instantiates handlers. */
    HandlerFactory NO_ARGUMENT_CONSTRUCTOR = handlerClass -> handlerClass.getConstructor().newInstance();
}
