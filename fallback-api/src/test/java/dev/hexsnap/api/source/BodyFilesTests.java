package dev.hexsnap.api.source;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BodyFilesTests {

    private static final SnapshotEntryCodec CODEC = new SnapshotEntryCodec(new GzipCodec());
    private static final Duration GRACE = Duration.ofMillis(200);

    @TempDir
    Path parent;
    BodyFiles files;

    @BeforeEach
    void open() throws IOException {
        files = BodyFiles.under(parent, GRACE);
    }

    @AfterEach
    void close() {
        files.close();
    }

    static SnapshotEntry entry(String store) {
        byte[] raw = ("{\"kind\":\"store-categories\",\"storeId\":\"" + store + "\",\"pad\":\"" + "x".repeat(2000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return SnapshotEntryCodec.decode(CODEC.encode(new SnapshotKey.StoreCategories(store), "g-1", Slot.DAY,
                Instant.parse("2026-11-23T04:00:00Z"), 0, null, raw).frame());
    }

    static byte[] gzipBody(SnapshotEntry entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry.writeGzipTo(out);
        return out.toByteArray();
    }

    @Test
    void aRegisteredEntryGetsItsGzipBodyAsAFileWrittenOnce() throws IOException {
        SnapshotEntry entry = entry("s-1");
        files.register(entry);

        Path file = files.fileFor(entry);

        assertThat(file).isNotNull().startsWith(files.directory());
        assertThat(Files.readAllBytes(file)).isEqualTo(gzipBody(entry));
        assertThat(files.fileFor(entry)).isEqualTo(file);
        assertThat(files.fileCount()).isEqualTo(1);
    }

    @Test
    void anEntryNeverRegisteredOrAlreadyReleasedHasNoFile() throws IOException {
        SnapshotEntry never = entry("s-1");
        SnapshotEntry released = entry("s-2");
        files.register(released);
        files.release(released);

        assertThat(files.fileFor(never)).isNull();
        assertThat(files.fileFor(released)).isNull();
        assertThat(files.fileCount()).isZero();
    }

    @Test
    void aReleasedFileIsDeletedAfterTheGracePeriodNotBefore() throws IOException {
        SnapshotEntry entry = entry("s-1");
        files.register(entry);
        Path file = files.fileFor(entry);

        files.release(entry);

        assertThat(file).exists(); // an answer handed the file may not have opened it yet
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
    }

    @Test
    void twoEntriesWithTheSameContentHaveFilesOfTheirOwn() throws IOException {
        SnapshotEntry first = entry("s-1");
        SnapshotEntry second = entry("s-1");
        files.register(first);
        files.register(second);

        Path a = files.fileFor(first);
        Path b = files.fileFor(second);
        files.release(first);

        assertThat(a).isNotEqualTo(b);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(a));
        assertThat(Files.readAllBytes(b)).isEqualTo(gzipBody(second));
    }

    @Test
    void closingDeletesTheDirectory() {
        SnapshotEntry entry = entry("s-1");
        files.register(entry);
        files.fileFor(entry);

        files.close();

        assertThat(files.directory()).doesNotExist();
    }

    @Test
    void directoriesLeftByProcessesThatAreGoneAreDeletedOthersKept() throws IOException {
        // A process that is gone: a child that has exited.
        Process exited = new ProcessBuilder("true").start();
        try {
            exited.waitFor();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Path dead = Files.createDirectories(parent.resolve("hexsnap-api-bodies-" + exited.pid() + "-123"));
        Files.writeString(dead.resolve("1.gz"), "x");
        Path unrelated = Files.createDirectories(parent.resolve("hexsnap-api-bodies-notapid"));

        BodyFiles another = BodyFiles.under(parent, GRACE);
        try {
            assertThat(dead).doesNotExist();
            assertThat(unrelated).exists();
            assertThat(files.directory()).exists(); // this process's: alive
            assertThat(another.directory().getFileName().toString()).startsWith("hexsnap-api-bodies-" + ProcessHandle.current().pid() + "-");
        } finally {
            another.close();
        }
    }

    @Test
    void theHotCacheReleasesTheFilesOfWhatItEvictsAndOfWhatAGenerationChangeEmpties() throws IOException {
        // Room for about two entries of ~1 KB stored: the third put evicts one.
        HotEntryCache cache = HotEntryCache.of(DataSize.ofBytes(2 * (entry("s-0").storedLength() + 300)), files);
        SnapshotEntry[] entries = {entry("s-1"), entry("s-2"), entry("s-3")};
        for (int i = 0; i < entries.length; i++) {
            cache.put("g-1", "store:s-" + (i + 1) + ":categories", entries[i]);
            assertThat(cache.bodyFile(entries[i])).isNotNull();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> files.fileCount() == 2);

        cache.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> files.fileCount() == 0);
        for (SnapshotEntry entry : entries) {
            assertThat(cache.bodyFile(entry)).isNull();
        }
    }

    @Test
    void withoutBodyFilesTheCacheHasNone() {
        HotEntryCache cache = HotEntryCache.of(DataSize.ofMegabytes(1));
        SnapshotEntry entry = entry("s-1");
        cache.put("g-1", "store:s-1:categories", entry);

        assertThat(cache.get("g-1", "store:s-1:categories")).isSameAs(entry);
        assertThat(cache.bodyFile(entry)).isNull();
    }
}
