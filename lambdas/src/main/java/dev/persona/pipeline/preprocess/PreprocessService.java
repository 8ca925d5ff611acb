package dev.persona.pipeline.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.UploadMetadata;
import dev.persona.json.Json;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.archive.EntryNames;
import dev.persona.pipeline.blocks.ActivityRow;
import dev.persona.pipeline.blocks.BlockWriter;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.pipeline.errors.InvalidUploadKey;
import dev.persona.pipeline.errors.NestedArchive;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.pipeline.errors.TooManyInvalidRecords;
import dev.persona.pipeline.errors.UploadNotFound;
import dev.persona.pipeline.errors.UploadTooLarge;
import dev.persona.pipeline.io.IsoInstant;
import dev.persona.pipeline.io.SizeFormat;
import dev.persona.pipeline.io.Timestamps;
import dev.persona.storage.ObjectChangedException;
import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StorageUnavailableException;
import dev.persona.storage.StoredObject;

/**
 * Step 1 of the pipeline: streams one upload from storage (a file, or every file of a zip or tar archive), detects
 * each file's format, validates and normalizes every record, redacts personal data, removes exact duplicates
 * (across files too) and writes {@code processed/{userId}/{jobId}/activities.blocks} (the intermediate format of
 * {@code docs/intermediate-format.md}) plus {@code report.json}.
 * Memory stays bounded whatever the upload's size. On any failure nothing is left behind: the activities file is
 * only committed once every record has been read and the invalid share is acceptable.
 */
public final class PreprocessService {

    private static final int EXCERPT_LENGTH = 120;
    private static final int SKIPPED_EXAMPLES = 3;
    /**
     * What a record usually takes at least (a CSV row with a date, a title and an address): the upload's size over
     * this sizes the de-duplication set, within its memory budget. Uploads of shorter records make it grow.
     */
    private static final long BYTES_PER_RECORD_USUALLY = 96;
    private static final int MAX_QUARTER_HOURS = 72;

    private final ObjectStore store;
    private final PreprocessSettings settings;
    private final Clock clock;
    private final UserSources users;

    public PreprocessService(ObjectStore store, PreprocessSettings settings, Clock clock) {
        this(store, settings, clock, UserSources.NONE);
    }

    /** With {@code users}: the profile's zone for uploads that declare none, and bookmarks when the profile allows. */
    public PreprocessService(ObjectStore store, PreprocessSettings settings, Clock clock, UserSources users) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.users = users;
    }

    public PreprocessResult preprocess(PreprocessRequest request) {
        try {
            return run(request);
        } catch (StorageUnavailableException e) {
            throw new StorageUnavailable(e);
        }
    }

    private PreprocessResult run(PreprocessRequest request) {
        UploadedObject upload = checkedUpload(request);
        String activitiesKey = StorageLayout.activitiesKey(request.userId(), request.jobId());
        String reportKey = StorageLayout.reportKey(request.userId(), request.jobId());
        ObjectVersion version = new ObjectVersion(upload.versionId(), upload.eTag());
        Run run;
        try (StoredObject object = open(request.bucket(), upload, version)) {
            if (object.size() > settings.maxUploadBytes()) {
                throw tooLarge();
            }
            try (ObjectWriter writer = store.create(settings.bucket(), activitiesKey,
                    StorageLayout.BLOCKS_CONTENT_TYPE)) {
                run = readInto(request, upload, version, object, new BlockWriter(writer));
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PreprocessReport report = run.report(request.jobId());
        try {
            store.put(settings.bucket(), reportKey, Json.MAPPER.writeValueAsBytes(report), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PreprocessResult(activitiesKey, reportKey, report.format(), report.recordsRead(),
                report.recordsKept(), report.recordsRejected(), report.duplicatesRemoved(), report.bytesRead(),
                source(report.recordsByFormat()), report.rejectedByReason());
    }

    /** The family of the format most records were read in: the source a dashboard groups uploads by. */
    static String source(Map<String, Long> recordsByFormat) {
        return recordsByFormat.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .flatMap(entry -> Arrays.stream(InputFormat.values())
                        .filter(format -> format.wireName().equals(entry.getKey())).findFirst())
                .map(format -> format.family().name().toLowerCase(Locale.ROOT))
                .orElse("unknown");
    }

    /** Reads every record of the upload into the blocks; throws, before the trailer is written, when it is refused. */
    private Run readInto(PreprocessRequest request, UploadedObject upload, ObjectVersion version, StoredObject object,
                         BlockWriter blocks) {
        UserSources.Preferences preferences = users.preferences(request.userId());
        ZoneId declaredZone = declaredZone(object);
        String zoneSource = "upload";
        if (declaredZone == null && preferences.timezone().isPresent()) {
            declaredZone = preferences.timezone().get();
            zoneSource = "profile";
        }
        Run run = new Run(declaredZone, zoneSource, profile(object), blocks);
        try (Deduplicator deduplicator = new Deduplicator(run, settings.dedupeMemoryBudget(),
                settings.spillDirectory(), object.size() / BYTES_PER_RECORD_USUALLY)) {
            run.deduplicateWith(deduplicator);
            ByteBudget budget = new ByteBudget(settings.maxUploadBytes());
            UploadReader reader = new UploadReader((offset, length) -> store.openRange(request.bucket(),
                    upload.key(), version, offset, length), settings.archiveLimits(), budget);
            reader.read(object, run);
            if (preferences.bookmarksInPersona()) {
                users.bookmarks(request.userId(), bookmark -> run.acceptOther(BookmarkActivities.of(bookmark)));
            }
            deduplicator.finish(blocks::append);
            run.verify();
            blocks.finish();
            run.finishReading(budget.used());
            return run;
        }
    }

    /** The upload must sit at {@code uploads/{userId}/{jobId}/…} in our bucket and be within the size limit. */
    private UploadedObject checkedUpload(PreprocessRequest request) {
        UploadedObject upload = request.object();
        boolean valid = upload != null && settings.bucket().equals(request.bucket())
                && StorageLayout.parseUploadKey(upload.key())
                        .filter(key -> key.userId().equals(request.userId()) && key.uploadId().equals(request.jobId()))
                        .isPresent();
        if (!valid) {
            throw new InvalidUploadKey("The file was not uploaded to a valid location. Ask for a new upload and "
                    + "send the file to the address it gives.");
        }
        if (upload.size() != null && upload.size() > settings.maxUploadBytes()) {
            throw tooLarge();
        }
        return upload;
    }

    private StoredObject open(String bucket, UploadedObject upload, ObjectVersion version) {
        try {
            return store.open(bucket, upload.key(), version);
        } catch (ObjectNotFoundException e) {
            throw new UploadNotFound("The uploaded file no longer exists. Upload it again.", e);
        } catch (ObjectChangedException e) {
            throw new UploadNotFound("The uploaded file was replaced before it could be processed. "
                    + "Ask for a new upload for each file.", e);
        }
    }

    private UploadTooLarge tooLarge() {
        return new UploadTooLarge("The file is larger than the limit of " + SizeFormat.bytes(settings.maxUploadBytes())
                + ".");
    }

    private static ZoneId declaredZone(StoredObject object) {
        String zone = object.userMetadata().get(UploadMetadata.TIMEZONE);
        if (zone == null || zone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String profile(StoredObject object) {
        String stored = object.userMetadata().get(UploadMetadata.VIEWING_PROFILE);
        if (stored == null) {
            return null;
        }
        try {
            String profile = UploadMetadata.decode(stored).strip();
            return profile.isEmpty() ? null : profile;
        } catch (IllegalArgumentException e) {
            // Written by hand rather than by the API: taken as it is, which at worst matches no profile.
            return stored.strip();
        }
    }

    /** The state of one upload's pass: counts, samples, time range, files and the writer of canonical lines. */
    private final class Run implements UploadContents, RecordConsumer, Deduplicator.Decisions {
        private final ZoneId declaredZone;
        private final String zoneSource;
        private final String profileFilter;
        private final BlockWriter blocks;
        private Deduplicator deduplicator;
        private final ActivityRow row = new ActivityRow();
        private final Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);
        private final Map<RecordSkipReason, Long> skippedByReason = new EnumMap<>(RecordSkipReason.class);
        private final Map<EntrySkipReason, Long> entriesSkipped = new EnumMap<>(EntrySkipReason.class);
        private final Map<EntrySkipReason, List<String>> entryExamples = new EnumMap<>(EntrySkipReason.class);
        private final List<PreprocessReport.RejectedSample> samples = new ArrayList<>();
        private final List<PreprocessReport.FileRead> files = new ArrayList<>();
        private final Map<InputFormat, Long> recordsByFormat = new EnumMap<>(InputFormat.class);
        private final Map<Integer, Long> offsets = new HashMap<>();
        /** Offsets in whole quarter hours within ±18 h (all real ones), counted without boxing: index offset/900+72. */
        private final long[] quarterHourOffsets = new long[2 * MAX_QUARTER_HOURS + 1];
        private RecordNormalizer normalizer;
        private String fileName;
        private InputFormat fileFormat;
        private long fileRecords;
        private long fileRejected;
        private long filesRead;
        private InputFormat firstFormat;
        private String archiveType;
        private long archiveEntries;
        private long records;
        private long otherRecords;
        private long rejected;
        private long skipped;
        private long dateOnly;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;
        private long bytesRead;
        private boolean compressed;
        private String encoding;
        private long kept;
        private long duplicates;

        Run(ZoneId declaredZone, String zoneSource, String profileFilter, BlockWriter blocks) {
            this.declaredZone = declaredZone;
            this.zoneSource = zoneSource;
            this.profileFilter = profileFilter;
            this.blocks = blocks;
        }

        /** The de-duplication the run's rows go through; it hands them back ({@link #kept}) batch by batch. */
        void deduplicateWith(Deduplicator rows) {
            deduplicator = rows;
        }

        @Override
        public RecordConsumer beginFile(String name, InputFormat format, String fileEncoding) {
            fileName = name == null ? null : EntryNames.shown(name);
            fileFormat = format;
            fileRecords = records;
            fileRejected = rejected;
            normalizer = new RecordNormalizer(format, declaredZone, clock.millis(), profileFilter);
            if (firstFormat == null) {
                firstFormat = format;
                encoding = fileEncoding;
            }
            return this;
        }

        @Override
        public void endFile(boolean activity) {
            if (!activity) {
                return;
            }
            filesRead++;
            recordsByFormat.merge(fileFormat, records - fileRecords, Long::sum);
            if (files.size() < PreprocessReport.MAX_FILES_LISTED) {
                files.add(new PreprocessReport.FileRead(fileName, fileFormat.wireName(), records - fileRecords,
                        rejected - fileRejected));
            }
        }

        @Override
        public void skipped(String name, EntrySkipReason reason) {
            entriesSkipped.merge(reason, 1L, Long::sum);
            List<String> examples = entryExamples.computeIfAbsent(reason, r -> new ArrayList<>());
            if (examples.size() < SKIPPED_EXAMPLES) {
                examples.add(EntryNames.shown(name));
            }
        }

        @Override
        public void archive(String type, boolean gzipped) {
            archiveType = type;
            compressed = gzipped;
        }

        @Override
        public void archiveEntries(int entries) {
            archiveEntries = entries;
        }

        @Override
        public void compressed() {
            compressed = true;
        }

        @Override
        public void accept(RawRecord record) {
            records++;
            RecordNormalizer.Outcome outcome = normalizer.normalize(record);
            if (outcome instanceof RecordNormalizer.Rejected rejection) {
                rejectRecord(record.line(), rejection.reason(), rejection.value());
                return;
            }
            if (outcome instanceof RecordNormalizer.Skipped skip) {
                skipped++;
                skippedByReason.merge(skip.reason(), 1L, Long::sum);
                return;
            }
            write(((RecordNormalizer.Accepted) outcome).activity(), true);
        }

        /** An activity from another source than the upload (its bookmarks); null is nothing. */
        void acceptOther(dev.persona.domain.Activity activity) {
            if (activity == null || activity.time() > clock.millis()) {
                return;
            }
            records++;
            otherRecords++;
            write(activity, false);
        }

        private void write(dev.persona.domain.Activity activity, boolean fromUpload) {
            row.encode(activity);
            deduplicator.offer(row.bytes(), 0, row.length(),
                    fromUpload ? normalizer.lastOffsetSeconds() : Timestamps.NO_OFFSET);
        }

        /** A row that is no duplicate of an earlier one: counted, and written unless it went to disk for now. */
        @Override
        public void kept(byte[] record, int offset, int length, int offsetSeconds, boolean spilled) {
            if (!spilled) {
                blocks.append(record, offset, length);
            }
            long time = ActivityRow.time(record, offset);
            first = Math.min(first, time);
            last = Math.max(last, time);
            if (ActivityRow.dateOnly(record, offset)) {
                dateOnly++;
            }
            if (offsetSeconds != Timestamps.NO_OFFSET) {
                if (offsetSeconds % 900 == 0 && Math.abs(offsetSeconds / 900) <= MAX_QUARTER_HOURS) {
                    quarterHourOffsets[offsetSeconds / 900 + MAX_QUARTER_HOURS]++;
                } else {
                    offsets.merge(offsetSeconds, 1L, Long::sum);
                }
            }
        }

        @Override
        public void reject(long lineNumber, RejectReason reason, String excerpt) {
            records++;
            rejectRecord(lineNumber, reason, excerpt);
        }

        private void rejectRecord(long lineNumber, RejectReason reason, String excerpt) {
            rejected++;
            rejectedByReason.merge(reason, 1L, Long::sum);
            if (samples.size() < settings.rejectedSamples()) {
                String shown = excerpt == null ? null : Redactor.redact(Texts.clean(excerpt, EXCERPT_LENGTH));
                samples.add(new PreprocessReport.RejectedSample(records, lineNumber, reason.wireName(), shown,
                        fileName));
            }
        }

        /** Fails the upload when it had no activity at all, or too many invalid records. */
        void verify() {
            long uploadRecords = records - otherRecords;
            if (uploadRecords == 0) {
                throw nothingToRead();
            }
            if (deduplicator.written() == 0 && rejected == 0) {
                throw new EmptyUpload(String.format(Locale.ROOT, "The %s holds no activity of yours: all %,d records "
                        + "were left out (%s).", archiveType == null ? "file" : "archive", uploadRecords,
                        describe(skippedByReason, RecordSkipReason::wireName)));
            }
            if (deduplicator.written() == 0 || rejected > settings.maxInvalidRatio() * uploadRecords) {
                throw new TooManyInvalidRecords(invalidMessage());
            }
        }

        /** No record at all: an empty file, or an archive whose files were all skipped. */
        private RuntimeException nothingToRead() {
            if (archiveType == null) {
                return new EmptyUpload("The file contains no activity records.");
            }
            long skippedFiles = entriesSkipped.values().stream().mapToLong(Long::longValue).sum();
            if (skippedFiles == 0) {
                return new EmptyUpload(filesRead == 0 ? "The archive holds no files."
                        : "The archive's activity files hold no records.");
            }
            Long nested = entriesSkipped.get(EntrySkipReason.NESTED_ARCHIVE);
            if (nested != null && nested == skippedFiles) {
                return new NestedArchive("The archive holds only other archives (" + String.join(", ",
                        entryExamples.get(EntrySkipReason.NESTED_ARCHIVE)) + "), and archives inside an archive are "
                        + "not opened. Unpack it and upload the inner archive itself.");
            }
            StringBuilder found = new StringBuilder();
            entriesSkipped.forEach((reason, count) -> found.append(found.isEmpty() ? "" : "; ")
                    .append(String.format(Locale.ROOT, "%,d %s (%s)", count, reason.description(),
                            String.join(", ", entryExamples.get(reason)))));
            return new EmptyUpload(String.format(Locale.ROOT, "The archive holds no activity data. Its %,d files "
                    + "are %s. Upload a Google Takeout archive with My Activity, YouTube or Chrome, or a Spotify or "
                    + "Netflix export.", skippedFiles, found));
        }

        private <K> String describe(Map<K, Long> counts, Function<K, String> name) {
            List<String> parts = new ArrayList<>();
            counts.forEach((key, count) -> parts.add(String.format(Locale.ROOT, "%s: %,d", name.apply(key), count)));
            return String.join(", ", parts);
        }

        private String invalidMessage() {
            StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                    "%,d of %,d records (%d%%) are invalid; at most %d%% may be.", rejected, records,
                    Math.round(100.0 * rejected / records), Math.round(100 * settings.maxInvalidRatio())));
            List<Map.Entry<RejectReason, Long>> reasons = new ArrayList<>(rejectedByReason.entrySet());
            reasons.sort(Map.Entry.<RejectReason, Long>comparingByValue().reversed());
            message.append(" Most common problems:");
            for (int i = 0; i < Math.min(3, reasons.size()); i++) {
                message.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "%s (%,d)",
                        reasons.get(i).getKey().description(), reasons.get(i).getValue()));
            }
            if (!samples.isEmpty()) {
                PreprocessReport.RejectedSample sample = samples.get(0);
                message.append(". The first is at line ").append(sample.line());
                if (sample.file() != null) {
                    message.append(" of \"").append(sample.file()).append('"');
                }
            }
            return message.append('.').toString();
        }

        void finishReading(long bytes) {
            bytesRead = bytes;
            kept = deduplicator.written();
            duplicates = deduplicator.duplicates();
        }

        PreprocessReport report(String jobId) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            rejectedByReason.forEach((reason, count) -> reasons.put(reason.wireName(), count));
            Map<String, Long> skips = new LinkedHashMap<>();
            skippedByReason.forEach((reason, count) -> skips.put(reason.wireName(), count));
            String format = archiveType != null ? archiveType : firstFormat.wireName();
            Map<String, Long> formats = new LinkedHashMap<>();
            recordsByFormat.forEach((fileFormat, count) -> formats.put(fileFormat.wireName(), count));
            return new PreprocessReport(PreprocessReport.SCHEMA_VERSION, jobId, format, encoding,
                    compressed, bytesRead, records, kept, rejected, duplicates, reasons, List.copyOf(samples),
                    dateOnly, kept == 0 ? null : IsoInstant.format(first), kept == 0 ? null : IsoInstant.format(last),
                    timezone(), skipped, skips, formats, List.copyOf(files), archive());
        }

        private PreprocessReport.Archive archive() {
            if (archiveType == null) {
                return null;
            }
            Map<String, Long> reasons = new LinkedHashMap<>();
            Map<String, List<String>> examples = new LinkedHashMap<>();
            entriesSkipped.forEach((reason, count) -> {
                reasons.put(reason.wireName(), count);
                examples.put(reason.wireName(), List.copyOf(entryExamples.get(reason)));
            });
            return new PreprocessReport.Archive(archiveType, archiveEntries, filesRead,
                    reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, examples);
        }

        /** The declared zone; else the offset most of the written offsets agree on; else UTC. */
        private PreprocessReport.Timezone timezone() {
            if (declaredZone != null) {
                return new PreprocessReport.Timezone(declaredZone.getId(), zoneSource);
            }
            for (int i = 0; i < quarterHourOffsets.length; i++) {
                if (quarterHourOffsets[i] > 0) {
                    offsets.merge((i - MAX_QUARTER_HOURS) * 900, quarterHourOffsets[i], Long::sum);
                }
            }
            long total = offsets.values().stream().mapToLong(Long::longValue).sum();
            return offsets.entrySet().stream()
                    .max(Comparator.comparingLong(Map.Entry::getValue))
                    .filter(top -> top.getKey() != 0 && top.getValue() * 2 > total)
                    .map(top -> new PreprocessReport.Timezone(ZoneOffset.ofTotalSeconds(top.getKey()).getId(),
                            "timestamps"))
                    .orElse(new PreprocessReport.Timezone("UTC", "default"));
        }
    }
}
