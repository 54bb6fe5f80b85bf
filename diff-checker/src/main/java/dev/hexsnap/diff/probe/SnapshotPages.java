package dev.hexsnap.diff.probe;

import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.upstream.contract.LocationFacts;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.diff.sample.HotCell;
import dev.hexsnap.diff.similarity.PageContent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what a generation stores for sampled cells: the home page and every channel page of the
 * contract in one round trip per cell, each read back through the contract (the pages are stored
 * as the services answered them). An entry that does not decode or read counts as absent (and is
 * counted): the fallback API would not serve it either.
 */
public final class SnapshotPages {

    private final SnapshotStore store;
    private final UpstreamContract contract;
    private final AtomicLong unreadable = new AtomicLong();

    public SnapshotPages(SnapshotStore store, UpstreamContract contract) {
        this.store = store;
        this.contract = contract;
    }

    public StoredCell read(String generation, HotCell cell) {
        List<SnapshotKey> keys = new ArrayList<>(1 + contract.channels().size());
        keys.add(new SnapshotKey.Home(cell.resolution(), cell.cell()));
        for (String channel : contract.channels()) {
            keys.add(new SnapshotKey.ChannelPage(channel, cell.resolution(), cell.cell()));
        }
        List<Optional<SnapshotEntry>> entries = store.readAll(generation, keys);
        Set<String> storeIds = new HashSet<>();
        PageContent home = entries.getFirst().map(e -> parse(PageKind.HOME, e, storeIds)).orElse(null);
        Map<String, PageContent> channels = new LinkedHashMap<>();
        for (int i = 1; i < keys.size(); i++) {
            PageContent page = entries.get(i).map(e -> parse(PageKind.CHANNEL, e, storeIds)).orElse(null);
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

    private PageContent parse(PageKind kind, SnapshotEntry entry, Set<String> storeIds) {
        try {
            LocationFacts page = contract.location(kind, entry.decompress(), null);
            storeIds.addAll(page.storeIds());
            return PageContent.of(page);
        } catch (CorruptEntryException | PageRejectedException e) {
            unreadable.incrementAndGet();
            return null;
        }
    }
}
