/**
 * grid-builder: regions and request heat in, the hot H3 cells of resolutions 7 and 8 with
 * the hotspot of each out, into MySQL; run as {@code ./hexsnap grid}.
 */
package dev.hexsnap.grid;
