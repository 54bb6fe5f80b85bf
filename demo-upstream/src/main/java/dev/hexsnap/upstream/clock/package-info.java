/**
 * The world's clock, which drives drift (stock, product status, category trees) and the
 * day/night slot; real time unless an operator or a test sets it.
 */
package dev.hexsnap.upstream.clock;
