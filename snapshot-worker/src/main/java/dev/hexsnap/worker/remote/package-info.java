/**
 * Remote partitioning: a manager ({@code run --remote}) sends the partitions of the cell and store
 * steps through a queue in the job database to any number of {@code serve} processes, watches their
 * leases, and hands a silent worker's partition to another one.
 */
package dev.hexsnap.worker.remote;
