package dev.hexsnap.core.upstream;

/**
 * A page the upstream answered and the inspection accepted.
 *
 * @param page     the parsed page
 * @param raw      the bytes as answered, which are what gets stored
 * @param attempts requests it took, first try included
 */
public record Fetched<T>(T page, byte[] raw, int attempts) {
}
