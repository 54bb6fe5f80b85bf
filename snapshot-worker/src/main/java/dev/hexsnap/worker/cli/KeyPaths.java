package dev.hexsnap.worker.cli;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.snapshot.SnapshotKey;

/**
 * Reads the page part of a snapshot key as operators write it (the same text the keys use):
 * {@code home:<res>:<cell>}, {@code channel:<channel>:<res>:<cell>}, {@code store:<id>:categories},
 * {@code store:<id>:products:<category>:<page>}.
 */
final class KeyPaths {

    static final String FORMS = "home:<res>:<cell>, channel:<channel>:<res>:<cell>, store:<id>:categories or "
            + "store:<id>:products:<category>:<page>";

    private KeyPaths() {
    }

    static SnapshotKey parse(String path, HexGrid grid) {
        String[] p = path.split(":", -1);
        try {
            return switch (p[0]) {
                case "home" -> {
                    expect(p, 3);
                    yield new SnapshotKey.Home(Integer.parseInt(p[1]), cell(p[2], Integer.parseInt(p[1]), grid));
                }
                case "channel" -> {
                    expect(p, 4);
                    yield new SnapshotKey.ChannelPage(p[1], Integer.parseInt(p[2]), cell(p[3], Integer.parseInt(p[2]), grid));
                }
                case "store" -> {
                    if (p.length == 3 && p[2].equals("categories")) {
                        yield new SnapshotKey.StoreCategories(p[1]);
                    }
                    if (p.length == 5 && p[2].equals("products")) {
                        yield new SnapshotKey.StoreProducts(p[1], p[3], Integer.parseInt(p[4]));
                    }
                    throw new UsageException("--key '" + path + "' is not one of " + FORMS);
                }
                default -> throw new UsageException("--key '" + path + "' is not one of " + FORMS);
            };
        } catch (NumberFormatException e) {
            throw new UsageException("--key '" + path + "': a resolution or page is not a number; expected " + FORMS);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key '" + path + "': " + e.getMessage());
        }
    }

    private static void expect(String[] parts, int n) {
        if (parts.length != n) {
            throw new UsageException("--key '" + String.join(":", parts) + "' is not one of " + FORMS);
        }
    }

    private static long cell(String address, int resolution, HexGrid grid) {
        long cell = grid.parseAddress(address);
        if (grid.resolutionOf(cell) != resolution) {
            throw new UsageException("cell " + address + " is at resolution " + grid.resolutionOf(cell) + ", not " + resolution);
        }
        return cell;
    }
}
