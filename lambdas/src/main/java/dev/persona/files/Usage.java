package dev.persona.files;

/**
 * What one user keeps, as the file stream consumer counts it: the quotas are checked against it.
 *
 * @param files            files registered and not deleted
 * @param bytes            their bytes (announced sizes until the objects arrive)
 * @param uploadsThisMonth files registered this calendar month (UTC), deleted ones included
 */
public record Usage(long files, long bytes, long uploadsThisMonth) {

    public static final Usage NONE = new Usage(0, 0, 0);
}
