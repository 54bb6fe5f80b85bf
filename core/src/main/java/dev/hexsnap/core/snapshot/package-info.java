/**
 * The snapshot format and its store: how a crawled page becomes a gzip entry in a Redis
 * generation ({@link dev.hexsnap.core.snapshot.SnapshotEntryCodec}), where it lives
 * ({@link dev.hexsnap.core.snapshot.SnapshotKey}), and how generations are published,
 * served and rolled back ({@link dev.hexsnap.core.snapshot.SnapshotStore}). The worker
 * writes through it, the fallback API and the diff read through it.
 */
package dev.hexsnap.core.snapshot;
