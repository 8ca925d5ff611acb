package dev.persona.pipeline.preprocess;

/** Receives what a {@link RecordSource} reads. */
interface RecordConsumer {

    /** A record that could be read; its values are not validated yet. The record is reused afterwards. */
    void accept(RawRecord record);

    /** A record that could not even be read. */
    void reject(long line, RejectReason reason, String excerpt);
}
