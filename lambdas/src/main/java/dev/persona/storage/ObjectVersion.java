package dev.persona.storage;

/** Which version of an object to read: a version id, an ETag to match, or the latest (both null). */
public record ObjectVersion(String versionId, String eTag) {

    public static final ObjectVersion LATEST = new ObjectVersion(null, null);
}
