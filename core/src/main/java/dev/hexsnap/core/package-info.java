/**
 * What every hexsnap stage shares: geography ({@code geo}), regions ({@code region}), the
 * page model and its kinds ({@code page}), the snapshot format and its Redis store
 * ({@code snapshot}, {@code redis}), the ceiling on requests to the page upstream
 * ({@code upstream}), and the wiring that makes them Spring beans
 * ({@code config}).
 */
package dev.hexsnap.core;
