/**
 * Wiring of the shared pieces into every hexsnap program: beans for the grid, the page
 * inspector and the snapshot store, and hexsnap's defaults for Spring Boot settings.
 */
package dev.hexsnap.core.config;
