/**
 * Store-detail pages, in the two stages the app renders: a store's category tree, then one
 * page of a category's products.
 */
package dev.hexsnap.api.store;
