/**
 * Where snapshots come from on the serving path: a Redis connection that fails fast and
 * reconnects by itself, the published generation pointers cached in process, and the bounded
 * cache of hot entries in front of Redis.
 */
package dev.hexsnap.api.source;
