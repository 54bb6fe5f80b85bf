package dev.hexsnap.upstream.world;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.ProductCard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a product from its identity (store, leaf category, index) and a moment, without
 * storing anything: the world holds millions of products this way in no memory. What is fixed
 * (id, name, image, list price) comes from the identity; what drifts comes from the moment:
 * stock by the hour, shelf status, promotions and discounts by the day.
 */
final class ProductFactory {

    /** Price ranges per channel, in yuan: products are drawn log-uniformly inside. */
    private static final Map<Channel, double[]> PRICE_RANGE = Map.of(
            Channel.SUPERMARKET, new double[] {2, 160},
            Channel.FRESH, new double[] {3, 130},
            Channel.PHARMACY, new double[] {6, 320},
            Channel.FLOWERS, new double[] {29, 599},
            Channel.ELECTRONICS, new double[] {19, 8999});

    private static final String[] DOSES = {"0.1g", "0.25g", "0.5g", "10mg", "20mg", "5ml", "10ml"};
    private static final String[] PACKS = {"6", "10", "12", "24", "30", "36", "48", "60", "100"};
    private static final String[] FORMS = {"片", "粒", "袋", "支"};

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final byte[] IMAGE_SUFFIX = ".jpg?w=360".getBytes(StandardCharsets.ISO_8859_1);

    private final byte[] imagePrefix;

    ProductFactory(String imageHost) {
        this.imagePrefix = (imageHost + "/sku/").getBytes(StandardCharsets.ISO_8859_1);
    }

    ProductCard product(Store store, StoreCatalog.Leaf leaf, int index, Moment moment) {
        long h = Rng.hash(store.seed(), leaf.seed(), index);
        Rng rng = new Rng(h);
        Channel channel = leaf.channel();
        String brand = rng.pick(Vocabulary.PRODUCT_BRANDS.get(channel));
        String variant = rng.pick(Vocabulary.VARIANTS.get(channel));
        StringBuilder name = new StringBuilder(48).append(brand).append(' ').append(variant).append(leaf.noun()).append(' ');
        spec(channel, rng, name);

        double[] range = PRICE_RANGE.get(channel);
        double logMin = Math.log(range[0]);
        double logMax = Math.log(range[1]);
        double position = Math.min(1, Math.max(0, 0.5 + leaf.priceLevel() * 0.5 + rng.between(-0.35, 0.35)));
        long listPrice = roundPrice(Math.exp(logMin + position * (logMax - logMin)) * 100);
        int baseStock = baseStock(h);
        int baseSales = (int) Math.round(Math.exp(rng.between(0.5, 8.5)));

        long day = moment.dayBucket();
        long price = listPrice;
        if (Rng.unit(Rng.hash(h, day, 0xD15CL)) < 0.25) {
            price = roundPrice(listPrice * (0.62 + 0.33 * Rng.unit(Rng.hash(h, day, 0xD15DL))));
            price = Math.min(price, listPrice);
        }
        int stock = stock(h, baseStock, moment);
        String status;
        if (Rng.unit(Rng.hash(h, day, 0x0FFL)) < 0.02) {
            status = "off-shelf";
        } else if (stock == 0) {
            status = "sold-out";
        } else {
            status = "on-sale";
        }
        int sales = (int) Math.round(baseSales * (0.9 + 0.2 * Rng.unit(Rng.hash(h, day, 0x5A1EL))));
        return new ProductCard(skuId(h), store.id(), name.toString(), image(h), price, listPrice, stock, status, sales,
                tags(h, day, price < listPrice));
    }

    /** Whether the product is on sale at this moment, without building it. */
    boolean onSale(Store store, StoreCatalog.Leaf leaf, int index, Moment moment) {
        long h = Rng.hash(store.seed(), leaf.seed(), index);
        if (Rng.unit(Rng.hash(h, moment.dayBucket(), 0x0FFL)) < 0.02) {
            return false;
        }
        return stock(h, baseStock(h), moment) > 0;
    }

    /** Stock when the shelf is full; 4% of the products are never stocked here. */
    private static int baseStock(long h) {
        double u = Rng.unit(Rng.hash(h, 0xBA5EL));
        return u < 0.04 ? 0 : (int) (u * 240);
    }

    private static int stock(long h, int baseStock, Moment moment) {
        double u = Rng.unit(Rng.hash(h, moment.hourBucket(), 0x570CL));
        if (baseStock == 0 || u < 0.06) {
            return 0;
        }
        return Math.max(1, (int) Math.round(baseStock * (0.4 + 0.6 * u)));
    }

    private static void spec(Channel channel, Rng rng, StringBuilder into) {
        switch (channel) {
            case ELECTRONICS -> into.append((char) ('A' + rng.nextInt(26))).append((char) ('A' + rng.nextInt(26)))
                    .append('-').append(rng.between(100, 9999));
            case FLOWERS -> into.append(rng.between(1, 3) == 1 ? "单束" : "礼盒").append(rng.between(1, 9) * 10).append("cm");
            case PHARMACY -> into.append(rng.pick(DOSES)).append('×').append(rng.pick(PACKS)).append(rng.pick(FORMS));
            default -> {
                into.append(Vocabulary.AMOUNTS[rng.nextInt(Vocabulary.AMOUNTS.length)]).append(rng.pick(Vocabulary.UNITS.get(channel)));
                if (rng.nextInt(3) == 0) {
                    into.append('×').append(rng.between(2, 24));
                }
            }
        }
    }

    private static long roundPrice(double cents) {
        // Shelf prices end in .00, .50, .80 or .90 yuan, as real ones do.
        long yuanTenths = Math.max(1, Math.round(cents / 10));
        long tenths = yuanTenths % 10;
        long base = yuanTenths - tenths;
        long ending = tenths < 3 ? 0 : tenths < 6 ? 5 : tenths < 9 ? 8 : 9;
        return Math.max(10, (base + ending) * 10);
    }

    private static List<String> tags(long h, long day, boolean discounted) {
        int count = (int) (Rng.mix(Rng.hash(h, day, 0x7A6L)) >>> 62);
        List<String> tags = new ArrayList<>(count + 1);
        if (discounted) {
            tags.add("限时折扣");
        }
        for (int i = 0; i < count; i++) {
            String tag = Vocabulary.PRODUCT_TAGS.get((int) ((Rng.hash(h, day, 0x7A7L + i) >>> 1) % Vocabulary.PRODUCT_TAGS.size()));
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    static String skuId(long h) {
        char[] out = new char[14];
        out[0] = 'k';
        long v = h >>> 12;
        for (int i = 13; i >= 1; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(out);
    }

    private String image(long h) {
        // A content hash in the path, as CDNs name images: real entropy, not filler.
        long a = Rng.mix(h ^ 0x1A6EL);
        long b = Rng.mix(h ^ 0x1A6FL);
        byte[] url = new byte[imagePrefix.length + 2 + 1 + 32 + IMAGE_SUFFIX.length];
        System.arraycopy(imagePrefix, 0, url, 0, imagePrefix.length);
        int at = imagePrefix.length;
        at = hex(a >>> 56, 2, url, at);
        url[at++] = '/';
        at = hex(a, 16, url, at);
        at = hex(b, 16, url, at);
        System.arraycopy(IMAGE_SUFFIX, 0, url, at, IMAGE_SUFFIX.length);
        return new String(url, StandardCharsets.ISO_8859_1);
    }

    private static int hex(long v, int digits, byte[] into, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at++] = (byte) HEX[(int) ((v >>> (4 * i)) & 0xF)];
        }
        return at;
    }

    static void hex(long v, int digits, StringBuilder into) {
        for (int i = digits - 1; i >= 0; i--) {
            into.append(HEX[(int) ((v >>> (4 * i)) & 0xF)]);
        }
    }
}
