/**
 * The pages the demo upstream serves (home, channel, store categories, store products), computed
 * from the world for a place, a moment and an account, in the page model of {@code core}.
 */
package dev.hexsnap.upstream.pages;
