package dev.hexsnap.client;

/** The backed-up pages, as the fallback API serves them. */
public enum PageKind {
    HOME, CHANNEL, STORE_CATEGORIES, STORE_PRODUCTS
}
