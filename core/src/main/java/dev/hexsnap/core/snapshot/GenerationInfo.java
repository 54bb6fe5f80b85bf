package dev.hexsnap.core.snapshot;

import dev.hexsnap.core.page.Slot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A generation as Redis describes it: one nightly run's worth of snapshots for one slot.
 * Kept in Redis beside the pointers so that the fallback API needs nothing else; the
 * worker's own bookkeeping (coverage, failures) lives in MySQL.
 *
 * @param id          lowercase letters, digits and '-', e.g. {@code 20261123-0200-day}
 * @param slot        day or night
 * @param state       {@code writing}, {@code published}, {@code refused}, {@code retired}
 * @param createdAt   when the run started writing it
 * @param publishedAt when it became current; null if it never did
 * @param resolutions the grid resolutions it covers, e.g. {@code 7,8}
 * @param pages       entries written
 * @param storedBytes bytes of those entries as stored
 */
public record GenerationInfo(
        String id,
        Slot slot,
        String state,
        Instant createdAt,
        Instant publishedAt,
        String resolutions,
        long pages,
        long storedBytes) {

    public static final String WRITING = "writing";
    public static final String PUBLISHED = "published";
    public static final String REFUSED = "refused";
    public static final String RETIRED = "retired";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    public GenerationInfo {
        checkId(id);
    }

    /**
     * Checks a generation id.
     *
     * @throws IllegalArgumentException when it is not 1-48 of a-z, 0-9 and '-', starting with a letter or digit
     */
    public static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("generation id must be 1-48 of a-z, 0-9 and '-', got '" + id + "'");
        }
    }

    Map<String, byte[]> toHash() {
        Map<String, byte[]> hash = new HashMap<>();
        hash.put("id", bytes(id));
        hash.put("slot", bytes(slot.id()));
        hash.put("state", bytes(state));
        hash.put("createdAt", bytes(Long.toString(createdAt.toEpochMilli())));
        if (publishedAt != null) {
            hash.put("publishedAt", bytes(Long.toString(publishedAt.toEpochMilli())));
        }
        hash.put("resolutions", bytes(resolutions));
        hash.put("pages", bytes(Long.toString(pages)));
        hash.put("storedBytes", bytes(Long.toString(storedBytes)));
        return hash;
    }

    static GenerationInfo fromHash(Map<String, byte[]> hash) {
        String published = string(hash.get("publishedAt"));
        return new GenerationInfo(
                string(hash.get("id")),
                Slot.fromId(string(hash.get("slot"))),
                string(hash.get("state")),
                Instant.ofEpochMilli(Long.parseLong(string(hash.get("createdAt")))),
                published == null ? null : Instant.ofEpochMilli(Long.parseLong(published)),
                string(hash.get("resolutions")),
                Long.parseLong(string(hash.get("pages"))),
                Long.parseLong(string(hash.get("storedBytes"))));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
