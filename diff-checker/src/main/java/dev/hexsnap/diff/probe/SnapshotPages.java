package dev.hexsnap.diff.probe;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.MalformedPageException;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.PageContent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what a generation stores for sampled cells: the home page and the five possible
 * channel pages in one round trip per cell. An entry that does not decode or parse counts as
 * absent (and is counted): the fallback API would not serve it either.
 */
public final class SnapshotPages {

    private final SnapshotStore store;
    private final PageInspector inspector;
    private final AtomicLong unreadable = new AtomicLong();

    public SnapshotPages(SnapshotStore store, PageInspector inspector) {
        this.store = store;
        this.inspector = inspector;
    }

    public StoredCell read(String generation, HotCell cell) {
        List<SnapshotKey> keys = new ArrayList<>(1 + Channel.values().length);
        keys.add(new SnapshotKey.Home(cell.resolution(), cell.cell()));
        for (Channel channel : Channel.values()) {
            keys.add(new SnapshotKey.ChannelPage(channel, cell.resolution(), cell.cell()));
        }
        List<Optional<SnapshotEntry>> entries = store.readAll(generation, keys);
        Set<String> storeIds = new HashSet<>();
        PageContent home = entries.getFirst().map(e -> parse(e, storeIds)).orElse(null);
        EnumMap<Channel, PageContent> channels = new EnumMap<>(Channel.class);
        for (int i = 1; i < keys.size(); i++) {
            PageContent page = entries.get(i).map(e -> parse(e, storeIds)).orElse(null);
            if (page != null) {
                channels.put(((SnapshotKey.ChannelPage) keys.get(i)).channel(), page);
            }
        }
        return new StoredCell(cell, home, channels, Set.copyOf(storeIds));
    }

    /** Entries that were present but could not be read. */
    public long unreadable() {
        return unreadable.get() + store.corruptEntries();
    }

    private PageContent parse(SnapshotEntry entry, Set<String> storeIds) {
        try {
            LocationPage page = inspector.locationPage(entry.decompress());
            storeIds.addAll(page.storeIds());
            return PageContent.of(page);
        } catch (CorruptEntryException | MalformedPageException e) {
            unreadable.incrementAndGet();
            return null;
        }
    }
}
