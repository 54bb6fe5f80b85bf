/**
 * {@code ./hexsnap worker plan}: the capacity model (pages, bytes, Redis memory, crawl time) of a
 * run of a given size, from the last run's measured figures and the ceilings.
 */
package dev.hexsnap.worker.plan;
