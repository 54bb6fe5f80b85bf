/**
 * Which hot cells a run compares: the current grid in MySQL, sampled per core city and
 * resolution, reproducibly from a seed.
 */
package dev.hexsnap.diff.sample;
