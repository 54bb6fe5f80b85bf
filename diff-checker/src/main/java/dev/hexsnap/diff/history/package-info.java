/**
 * The diff's history in MySQL: each run's summary, per resolution and per city, so that the
 * report can show the trend across nights and {@code hexsnap diff history} can list it.
 */
package dev.hexsnap.diff.history;
