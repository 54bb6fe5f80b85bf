package dev.hexsnap.worker.publish;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.generation.GenerationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes the generations a slot no longer needs: beyond the newest {@code keepPublished}
 * that were published (the current and previous one always stay: rollback needs them) and
 * the newest {@code keepRefused} refused ones. Generations still being written are left
 * alone (a crashed run may be restarted); their entries expire by TTL if it never is.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final SnapshotStore store;
    private final GenerationLedger ledger;
    private final int keepPublished;
    private final int keepRefused;

    public Retention(SnapshotStore store, GenerationLedger ledger, int keepPublished, int keepRefused) {
        this.store = store;
        this.ledger = ledger;
        this.keepPublished = keepPublished;
        this.keepRefused = keepRefused;
    }

    /** @return the generations deleted */
    public List<String> apply(Slot slot) {
        Optional<String> current = store.current(slot);
        Optional<String> previous = store.previous(slot);
        List<GenerationInfo> ofSlot = store.generations().stream().filter(g -> g.slot() == slot).toList();
        List<String> deleted = new ArrayList<>();
        int published = 0;
        int refused = 0;
        for (GenerationInfo info : ofSlot) { // newest first
            boolean pinned = current.filter(info.id()::equals).isPresent() || previous.filter(info.id()::equals).isPresent();
            boolean drop = switch (info.state()) {
                case GenerationInfo.PUBLISHED, GenerationInfo.RETIRED -> ++published > keepPublished && !pinned;
                case GenerationInfo.REFUSED -> ++refused > keepRefused && !pinned;
                default -> false;
            };
            if (drop) {
                long entries = store.delete(info.id());
                ledger.setState(info.id(), GenerationLedger.DELETED);
                deleted.add(info.id());
                log.info("retention: deleted generation {} ({}, {} entries)", info.id(), info.state(), entries);
            }
        }
        return deleted;
    }
}
