package dev.persona.files;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.FilenameSanitizer;
import dev.persona.api.Timestamps;
import dev.persona.api.UploadIds;
import dev.persona.api.UploadPresigner;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.FileAttributes;
import dev.persona.contracts.FileQuotas;
import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.items.Listings;
import dev.persona.items.Page;
import dev.persona.signing.DownloadSigner;
import dev.persona.signing.SigningKeyMaterial;

/**
 * A person's file library: a file is registered (within the quotas) with a presigned upload of exactly its size,
 * becomes {@code AVAILABLE} when its object's event arrives, is downloaded through a CloudFront signed URL, and is
 * deleted (its object goes with the table's stream). Anyone can sign up, so the quotas cap what one account keeps:
 * a registration that would exceed one is refused with {@code QUOTA_EXCEEDED} before any URL is handed out.
 */
public final class FileService {

    static final String NOT_FOUND = "No such file.";
    /** How long an unused registration stays listed after its upload URL expired. */
    static final Duration ABANDONED_RETENTION = Duration.ofDays(1);
    static final int MAX_NAME_LENGTH = 255;

    private final FileRepository files;
    private final UsageRepository usage;
    private final FileUploads uploads;
    private final DownloadSigner downloads;
    private final FileQuotas quotas;
    private final long maxFileBytes;
    private final Duration uploadLifetime;
    private final UploadIds ids;
    private final Clock clock;

    public FileService(FileRepository files, UsageRepository usage, FileUploads uploads, DownloadSigner downloads,
            FileQuotas quotas, long maxFileBytes, Duration uploadLifetime, Clock clock) {
        this.files = files;
        this.usage = usage;
        this.uploads = uploads;
        this.downloads = downloads;
        this.quotas = quotas;
        this.maxFileBytes = maxFileBytes;
        this.uploadLifetime = uploadLifetime;
        this.ids = new UploadIds(clock);
        this.clock = clock;
    }

    /** The body of {@code POST /v1/files}, which must satisfy its schema. */
    public record NewFile(String name, String contentType, long sizeBytes) {

        public static NewFile from(JsonNode json, long maxFileBytes) {
            String name = json.get("name").asText();
            JsonNode size = json.get("sizeBytes");
            List<dev.persona.http.FieldError> errors = new ArrayList<>();
            if (!size.canConvertToLong() || size.asLong() > maxFileBytes) {
                errors.add(new dev.persona.http.FieldError("sizeBytes", "must be at most " + maxFileBytes + " bytes"));
            }
            if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
                errors.add(new dev.persona.http.FieldError("name",
                        "must have a visible character and no control characters"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
            return new NewFile(name.strip(), json.get("contentType").asText(), size.asLong());
        }
    }

    /** Registers the file and returns it with its upload; {@code QUOTA_EXCEEDED} when a quota would be exceeded. */
    public CreatedFile register(String userId, NewFile request) {
        Instant now = clock.instant();
        checkQuotas(userId, request.sizeBytes(), YearMonth.from(now.atOffset(ZoneOffset.UTC)));
        String fileId = ids.next();
        String keyName = FilenameSanitizer.sanitize(request.name());
        String key = StorageLayout.fileKey(userId, fileId, keyName);
        String created = Timestamps.format(now);
        FileRecord file = new FileRecord(fileId, request.name(), request.contentType(), request.sizeBytes(), null, null,
                FileAttributes.PENDING, key, created, created, null);
        files.create(userId, file, now.plus(uploadLifetime).plus(ABANDONED_RETENTION).getEpochSecond());
        UploadPresigner.PresignedPut put = uploads.presignPut(key, request.contentType(), request.sizeBytes(),
                contentDisposition(request.name(), keyName), uploadLifetime);
        return new CreatedFile(FileView.of(file, null), put);
    }

    private void checkQuotas(String userId, long size, YearMonth month) {
        Usage current = usage.usage(userId, month);
        List<String> exceeded = new ArrayList<>();
        if (current.files() + 1 > quotas.files()) {
            exceeded.add("at most " + quotas.files() + " files (you keep " + current.files() + ")");
        }
        if (current.bytes() + size > quotas.bytes()) {
            exceeded.add("at most " + quotas.bytes() + " bytes in all (you keep " + current.bytes() + ")");
        }
        if (current.uploadsThisMonth() + 1 > quotas.uploadsPerMonth()) {
            exceeded.add("at most " + quotas.uploadsPerMonth() + " new files a month (you added "
                    + current.uploadsThisMonth() + " this month)");
        }
        if (!exceeded.isEmpty()) {
            throw new ApiException(ErrorCode.QUOTA_EXCEEDED, "This file would exceed your quota: "
                    + String.join("; ", exceeded) + ".");
        }
    }

    /** The file, with a signed download URL once its object arrived. */
    public FileView get(String userId, String fileId) {
        FileRecord file = find(userId, fileId);
        return FileView.of(file, FileAttributes.AVAILABLE.equals(file.state()) ? download(file.objectKey()) : null);
    }

    /** A signed URL of an object of the user's; 503 while no signing key exists (before the first rotation). */
    public DownloadSigner.SignedDownload download(String key) {
        try {
            return downloads.sign(key);
        } catch (SigningKeyMaterial.NoKeyYetException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Downloads are not available yet. Retry shortly.");
        }
    }

    public FileList list(String userId, Optional<String> limit, Optional<String> cursor) {
        Page<FileRecord> page = files.list(userId, Listings.limit(limit),
                cursor.map(encoded -> files.cursor(encoded, userId)).orElse(null));
        return new FileList(page.items().stream().map(file -> FileView.of(file, null)).toList(),
                page.next().map(next -> next.encode()).orElse(null));
    }

    /** Deletes the file's item; the table's stream removes its object and its weight in the usage. */
    public void delete(String userId, String fileId) {
        if (!StorageLayout.isValidId(fileId) || !files.delete(userId, fileId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND);
        }
    }

    private FileRecord find(String userId, String fileId) {
        if (!StorageLayout.isValidId(fileId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND);
        }
        return files.find(userId, fileId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND));
    }

    /**
     * {@code attachment}, with the key's safe name and the person's own name (RFC 6266, RFC 8187): a download is
     * saved, never shown in the browser on the download domain.
     */
    static String contentDisposition(String name, String keyName) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + keyName + "\"; filename*=UTF-8''" + encoded;
    }

    static String self(String fileId) {
        return ApiRoutes.PREFIX + "/files/" + fileId;
    }

    /** A file as the API shows it; {@code download} only on a single available file. */
    public record FileView(String fileId, String name, String contentType, long sizeBytes, String state,
            String createdAt, String updatedAt, String uploadedAt, DownloadSigner.SignedDownload download,
            Links links) {

        static FileView of(FileRecord file, DownloadSigner.SignedDownload download) {
            return new FileView(file.fileId(), file.name(), file.contentType(), file.countedBytes(), file.state(),
                    file.createdAt(), file.updatedAt(), file.uploadedAt(), download, new Links(self(file.fileId())));
        }
    }

    public record Links(String self) {
    }

    /** The response of {@code POST /v1/files}: the registered file and how to upload it. */
    public record CreatedFile(FileView file, UploadPresigner.PresignedPut upload) {
    }

    public record FileList(List<FileView> items, String nextCursor) {
    }
}
