import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntry;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.snapshot.SnapshotWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes one realistic home page (about 600 KB of JSON, as the design brief sizes it) into a
 * generation of its own, exactly as the snapshot-worker does, publishes it, and writes the
 * stored gzip body to a file for nginx to serve.
 *
 * Usage: SeedHomePage <redis host:port> <namespace> <lat> <lng> <gzip output file>
 */
public class SeedHomePage {

    public static void main(String[] args) throws Exception {
        String redisNode = args[0];
        String namespace = args[1];
        LatLng at = new LatLng(Double.parseDouble(args[2]), Double.parseDouble(args[3]));
        byte[] raw = JsonMapper.builder().build().writeValueAsBytes(homePage(at));
        long cell = HexGrid.shared().cellOf(at, 7);
        String generation = "bench-" + System.currentTimeMillis();
        try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.standalone(redisNode, namespace))) {
            SnapshotStore store = new SnapshotStore(redis);
            Instant now = Instant.now();
            store.describe(new GenerationInfo(generation, Slot.DAY, GenerationInfo.WRITING, now, null, "7,8", 0, 0));
            SnapshotKey key = new SnapshotKey.Home(7, cell);
            SnapshotEntryCodec codec = new SnapshotEntryCodec(new GzipCodec());
            try (SnapshotWriter writer = store.openWriter(generation, Duration.ofDays(1), 100)) {
                writer.put(codec.encode(key, generation, Slot.DAY, now, cell, at, raw));
            }
            store.describe(new GenerationInfo(generation, Slot.DAY, GenerationInfo.WRITING, now, null, "7,8", 1, raw.length));
            store.publish(Slot.DAY, generation, Instant.now());
            store.publish(Slot.NIGHT, generation, Instant.now());
            SnapshotEntry entry = store.read(generation, key).orElseThrow();
            try (OutputStream out = new FileOutputStream(args[4])) {
                entry.writeGzipTo(out);
            }
            System.out.printf("generation %s: home page of cell %s, %d bytes of JSON, %d bytes gzip%n",
                    generation, Long.toHexString(cell), raw.length, entry.gzipLength());
        }
    }

    /** Nineteen floors of stores and products with varied names, prices and tags: compresses like a real page. */
    static LocationPage homePage(LatLng at) {
        Random random = new Random(20261123);
        String[] words = {"fresh", "organic", "daily", "value", "premium", "local", "imported", "family", "mini", "express",
                "market", "fruit", "dairy", "bakery", "flowers", "pharmacy", "digital", "snacks", "drinks", "seafood"};
        List<LocationPage.Floor> floors = new ArrayList<>();
        for (int f = 0; f < 19; f++) {
            List<StoreCard> stores = new ArrayList<>();
            List<ProductCard> products = new ArrayList<>();
            for (int s = 0; s < 12; s++) {
                String id = "st-" + Integer.toString(random.nextInt(1 << 30), 36);
                stores.add(new StoreCard(id, words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)] + " " + s,
                        "https://img.example.com/logo/" + id + ".png", List.of("supermarket", "fresh"),
                        Math.round(30 + random.nextDouble() * 20) / 10.0, random.nextInt(20000), random.nextInt(3000),
                        20 + random.nextInt(40), random.nextInt(600), 1000 + random.nextInt(3000), StoreCard.OPEN,
                        List.of(words[random.nextInt(words.length)], "满" + (20 + random.nextInt(50)) + "减" + random.nextInt(15))));
                for (int p = 0; p < 20; p++) {
                    String sku = "sku-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                    long price = 100 + random.nextInt(20000);
                    products.add(new ProductCard(sku, id, words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)]
                            + " " + random.nextInt(1000) + "g", "https://img.example.com/sku/" + sku + ".jpg", price,
                            price + random.nextInt(500), random.nextInt(500), "on-sale", random.nextInt(5000),
                            List.of(words[random.nextInt(words.length)])));
                }
            }
            floors.add(new LocationPage.Floor("floor-" + f, f % 2 == 0 ? "stores" : "products", "Floor " + f,
                    null, null, f % 2 == 0 ? stores : List.of(), f % 2 == 0 ? List.of() : products));
        }
        return new LocationPage("home", null, "generic", "day", at.lat(), at.lng(), true, Instant.now(), floors);
    }
}
