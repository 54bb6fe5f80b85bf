/**
 * Wiring of grid-builder: its settings ({@code hexsnap.grid.*}) and its beans.
 */
package dev.hexsnap.grid.config;
