package dev.persona.contracts;

/**
 * What one account may keep in its file library: anyone can sign up, so these cap what one account can cost. A
 * stage sets them in its configuration ({@code fileQuotaFiles}, {@code fileQuotaBytes} and
 * {@code fileQuotaUploadsPerMonth} of its stage in cdk.json); the functions read them from
 * {@link EnvironmentVariables#FILE_QUOTA_FILES}, {@link EnvironmentVariables#FILE_QUOTA_BYTES} and
 * {@link EnvironmentVariables#FILE_QUOTA_UPLOADS_PER_MONTH}.
 *
 * @param files           most files kept at once (registered ones whose upload has not arrived included)
 * @param bytes           most bytes kept at once
 * @param uploadsPerMonth most files registered in one calendar month (UTC), deleted ones included
 */
public record FileQuotas(long files, long bytes, long uploadsPerMonth) {

    /** 1,000 files, 5 GiB, 500 registrations a month. */
    public static final FileQuotas DEFAULT = new FileQuotas(1_000, 5L << 30, 500);

    public FileQuotas {
        if (files < 1 || bytes < 1 || uploadsPerMonth < 1) {
            throw new IllegalArgumentException("quotas are positive: " + files + ", " + bytes + ", " + uploadsPerMonth);
        }
    }
}
