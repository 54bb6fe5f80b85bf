package dev.hexsnap.upstream.world;

import java.util.List;

/**
 * A small deterministic generator (SplitMix64) and the hash that derives every value of the
 * world from the seed and an entity's identity. Not thread-safe: make one per use, which is
 * cheap; the static {@link #hash} functions are pure.
 *
 * <p>Why not {@code java.util.Random}: its sequence for a seed is fixed, but deriving a fresh,
 * well-mixed stream per (store, category, product, hour) needs a real mixing function, and
 * SplitMix64 is the standard one.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A generator for the identity {@code parts} under a seed. */
    static Rng of(long... parts) {
        return new Rng(hash(parts));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long a, long b) {
        return mix(a * 0x9e3779b97f4a7c15L + mix(b));
    }

    static long hash(long a, long b, long c) {
        return hash(hash(a, b), c);
    }

    static long hash(long... parts) {
        long h = 0x2545f4914f6cdd1dL;
        for (long part : parts) {
            h = hash(h, part);
        }
        return h;
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        return mix(state);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Uniform in [min, max]. */
    int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    double between(double min, double max) {
        return min + nextDouble() * (max - min);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    double nextGaussian() {
        // Box-Muller; one value per call keeps the stream simple and reproducible.
        double u1 = Math.max(nextDouble(), 1e-300);
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }
}
