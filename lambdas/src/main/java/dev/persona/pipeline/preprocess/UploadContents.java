package dev.persona.pipeline.preprocess;

/**
 * What reading an upload finds, file by file: the upload itself, or each file of an archive. Implemented by the
 * preprocessing run, which keeps one set of counts and one persona for all of them.
 */
interface UploadContents {

    /** A file of activity records begins; its records go to the consumer returned. */
    RecordConsumer beginFile(String name, InputFormat format, String encoding);

    /** The file begun last ended; {@code activity} is false when it turned out to hold no activity at all. */
    void endFile(boolean activity);

    /** An archive's file was not read, for {@code reason}. */
    void skipped(String name, EntrySkipReason reason);

    /** The upload is an archive of this type ({@code zip}, {@code tar}); its entry count comes at the end. */
    void archive(String type, boolean compressed);

    void archiveEntries(int entries);

    /** The upload (not an archive) was gzip-compressed. */
    void compressed();
}
