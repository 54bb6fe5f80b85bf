/**
 * One grid build from start to finish: cover the regions, aggregate the points in one pass,
 * check the input, pick the hot cells, write them under a build id derived from the input
 * and the settings, and make the build current only once it is complete.
 */
package dev.hexsnap.grid.build;
