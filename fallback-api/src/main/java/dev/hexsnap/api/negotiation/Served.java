package dev.hexsnap.api.negotiation;

import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;

/**
 * A snapshot found for a request, and how it was found.
 *
 * @param entry         the stored page
 * @param key           its key within the generation
 * @param fallback      exact, or which fallback found it
 * @param requestedCell the cell of the asked coordinates at the served resolution; 0 for store pages
 * @param servedCell    the cell whose snapshot is served; 0 for store pages
 */
public record Served(SnapshotEntry entry, SnapshotKey key, FallbackKind fallback, long requestedCell, long servedCell) {

    /** A store page: no cell involved. */
    public static Served store(SnapshotEntry entry, SnapshotKey key) {
        return new Served(entry, key, FallbackKind.EXACT, 0, 0);
    }

    public PageKind kind() {
        return key.kind();
    }

    /** The resolution of the served cell, or -1 for store pages. */
    public int resolution() {
        return switch (key) {
            case SnapshotKey.Home home -> home.resolution();
            case SnapshotKey.ChannelPage channel -> channel.resolution();
            default -> -1;
        };
    }
}
