/**
 * The request-points input: opening a file, URL, stdin or the bundled sample (gzip detected
 * by its magic bytes), and streaming its CSV lines into fixed-size batches with bad lines
 * counted, so memory never grows with the number of points.
 */
package dev.hexsnap.grid.points;
