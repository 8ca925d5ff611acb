package dev.persona.pipeline.errors;

/**
 * A Takeout HTML export is in a language other than English; the message names the language
 * seen. Not retried.
 */
public final class UnsupportedLanguage extends PipelineException {

    public UnsupportedLanguage(String userMessage) {
        super(userMessage);
    }
}
