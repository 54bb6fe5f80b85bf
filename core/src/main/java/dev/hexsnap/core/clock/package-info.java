/**
 * The one clock every stage reads "now" from, which can be started at another moment
 * ({@code hexsnap.clock.start}) to run a night or the test suite as if it were another day.
 */
package dev.hexsnap.core.clock;
