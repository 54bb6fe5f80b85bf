/**
 * Home and channel pages by coordinates: the H3 cell at the served resolution, then the nearest
 * hot neighbour within a small ring, then another resolution of the generation.
 */
package dev.hexsnap.api.location;
