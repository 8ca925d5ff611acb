package dev.persona.pipeline.preprocess;

/** Reads every record of an upload in order and hands each to a {@link RecordConsumer}. */
interface RecordSource {

    void readAll(RecordConsumer consumer);
}
