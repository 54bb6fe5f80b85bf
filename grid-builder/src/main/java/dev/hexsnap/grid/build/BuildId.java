package dev.hexsnap.grid.build;

import dev.hexsnap.grid.region.Area;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Derives a build's id from everything that decides its rows: the content of the points,
 * the regions (their exact shapes, not the file they came from) and the settings. The same
 * input gives the same id, so a re-run upserts the very same rows; any change gives a new
 * build. 16 hex digits (64 bits) keep ids short enough to type and collisions out of reach.
 */
final class BuildId {

    /** Bumped when the aggregation changes what it computes from the same input. */
    static final int ALGORITHM = 1;

    private BuildId() {
    }

    static String of(String settingsJson, List<Area> areas, String pointsSha256) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        digest.update(("hexsnap-grid/" + ALGORITHM + "\n" + settingsJson + "\n").getBytes(StandardCharsets.UTF_8));
        for (Area area : areas) {
            digest.update((area.canonical() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        digest.update(pointsSha256.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
}
