package dev.persona.files;

/** The objects of the file library in the uploads bucket. */
public interface StoredObjects {

    /** Removes every version of the object {@code key}; returns how many there were. */
    int removeAllVersions(String key);

    /** Removes one version of an object. */
    void removeVersion(String key, String versionId);
}
