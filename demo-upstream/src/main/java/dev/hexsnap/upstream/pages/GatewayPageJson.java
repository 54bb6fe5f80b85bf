package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.LocationPage.Banner;
import dev.hexsnap.core.page.LocationPage.ChannelEntry;
import dev.hexsnap.core.page.LocationPage.Floor;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreCategoriesPage.Category;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the demo world's pages in the gateway API's shape (docs/demo-upstream.md, "The gateway
 * API"): a {@code code/message/data} envelope with volatile request id and server time, other
 * field names and nesting, stores inside typed floors, a flat category list with parent ids,
 * prices as yuan strings and statuses as numeric codes. It translates the very page values v1
 * serialises, so both APIs carry the same content. Written with a streaming generator, no
 * document tree, like v1's cards ({@link PageJson}). Thread-safe.
 */
public final class GatewayPageJson {

    /** Envelope code of a page. */
    public static final int OK = 0;
    /** {@code parentId} of a top-level category. */
    public static final String ROOT_PARENT = "0";

    private final JsonMapper mapper = JsonMapper.builder().build();

    /**
     * The volatile part of every answer: not content, differs on every call.
     *
     * @param requestId        the request's id (random)
     * @param serverTimeMillis when the answer was written, epoch milliseconds
     */
    public record Stamp(String requestId, long serverTimeMillis) {
    }

    /** A home or channel page in its envelope. */
    public void location(LocationPage page, Stamp stamp, OutputStream out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            open(g, stamp);
            g.writeStartObject();
            g.writeName("meta");
            g.writeStartObject();
            g.writeName("pageType");
            g.writeString("channel".equals(page.kind()) ? "CHANNEL" : "HOME");
            g.writeName("channelCode");
            if (page.channel() == null) {
                g.writeNull();
            } else {
                g.writeString(GatewayChannels.code(Channel.fromId(page.channel())));
            }
            g.writeName("timeSlot");
            g.writeString(page.slot().toUpperCase(Locale.ROOT));
            g.writeName("asOf");
            g.writeString(page.generatedAt().toString());
            g.writeName("deliverable");
            g.writeBoolean(page.serviceable());
            g.writeEndObject();
            g.writeName("geo");
            g.writeStartObject();
            g.writeName("lat");
            g.writeNumber(page.lat());
            g.writeName("lng");
            g.writeNumber(page.lng());
            g.writeEndObject();
            g.writeName("floors");
            g.writeStartArray();
            for (Floor floor : page.floors()) {
                floor(g, floor);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** A store's category tree, flattened depth first with parent ids, in its envelope. */
    public void categories(StoreCategoriesPage page, Stamp stamp, OutputStream out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            open(g, stamp);
            g.writeStartObject();
            g.writeName("poi");
            g.writeStartObject();
            g.writeName("poiId");
            g.writeString(page.storeId());
            g.writeName("poiName");
            g.writeString(page.storeName());
            g.writeName("bizStatus");
            g.writeNumber(bizStatus(page.status()));
            g.writeEndObject();
            g.writeName("asOf");
            g.writeString(page.generatedAt().toString());
            g.writeName("categoryList");
            g.writeStartArray();
            for (Category top : page.categories()) {
                category(g, top, ROOT_PARENT, 1);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /**
     * Up to {@code limit} products of a category from {@code offset} on, in its envelope.
     *
     * @param total the category's products (all pages)
     */
    public void products(String storeId, String categoryId, long offset, int limit, int total, Instant asOf,
                         List<ProductCard> products, Stamp stamp, OutputStream out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            open(g, stamp);
            g.writeStartObject();
            g.writeName("poiId");
            g.writeString(storeId);
            g.writeName("categoryId");
            g.writeString(categoryId);
            g.writeName("offset");
            g.writeNumber(offset);
            g.writeName("limit");
            g.writeNumber(limit);
            g.writeName("total");
            g.writeNumber(total);
            g.writeName("hasMore");
            g.writeBoolean(!products.isEmpty() && offset + products.size() < total);
            g.writeName("asOf");
            g.writeString(asOf.toString());
            g.writeName("skuList");
            g.writeStartArray();
            for (ProductCard product : products) {
                goods(g, product);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** A failure: a non-zero code, a message, no data. */
    public void failure(int code, String message, Stamp stamp, OutputStream out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("code");
            g.writeNumber(code);
            g.writeName("message");
            g.writeString(message);
            g.writeName("requestId");
            g.writeString(stamp.requestId());
            g.writeName("serverTime");
            g.writeNumber(stamp.serverTimeMillis());
            g.writeName("data");
            g.writeNull();
            g.writeEndObject();
        }
    }

    /** Store status as the gateway codes it: 1 open, 2 resting (closed now), 3 closed altogether. */
    public static int bizStatus(String status) {
        return switch (status) {
            case StoreCard.OPEN -> 1;
            case StoreCard.CLOSED_NOW -> 2;
            case StoreCard.CLOSED -> 3;
            default -> throw new IllegalArgumentException("unknown store status '" + status + "'");
        };
    }

    /** Product status as the gateway codes it: 1 on sale, 2 sold out, 3 off the shelf. */
    public static int saleStatus(String status) {
        return switch (status) {
            case "on-sale" -> 1;
            case "sold-out" -> 2;
            case "off-shelf" -> 3;
            default -> throw new IllegalArgumentException("unknown product status '" + status + "'");
        };
    }

    /** Fen as yuan with two decimals ({@code 1250} is {@code "12.50"}), as gateways often write money. */
    public static String yuan(long cents) {
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        return (cents < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** The gateway's floor type of a v1 floor. */
    public static String floorType(Floor floor) {
        if ("notice".equals(floor.floorId())) {
            return "notice";
        }
        return switch (floor.type()) {
            case "banners" -> "banner";
            case "channels" -> "channel";
            case "stores" -> "shops";
            case "products", "personal" -> "goods";
            default -> throw new IllegalArgumentException("unknown floor type '" + floor.type() + "'");
        };
    }

    private static void open(JsonGenerator g, Stamp stamp) {
        g.writeStartObject();
        g.writeName("code");
        g.writeNumber(OK);
        g.writeName("message");
        g.writeString("ok");
        g.writeName("requestId");
        g.writeString(stamp.requestId());
        g.writeName("serverTime");
        g.writeNumber(stamp.serverTimeMillis());
        g.writeName("data");
    }

    private static void floor(JsonGenerator g, Floor floor) {
        g.writeStartObject();
        g.writeName("floorType");
        g.writeString(floorType(floor));
        g.writeName("floorKey");
        g.writeString(floor.floorId());
        g.writeName("title");
        if (floor.title() == null) {
            g.writeNull();
        } else {
            g.writeString(floor.title());
        }
        g.writeName("items");
        g.writeStartArray();
        for (Banner banner : floor.banners()) {
            g.writeStartObject();
            g.writeName("bannerId");
            g.writeString(banner.bannerId());
            g.writeName("title");
            g.writeString(banner.title());
            g.writeName("imgUrl");
            g.writeString(banner.image());
            g.writeName("jumpUrl");
            g.writeString(banner.link());
            g.writeEndObject();
        }
        for (ChannelEntry entry : floor.channels()) {
            g.writeStartObject();
            g.writeName("channelCode");
            g.writeString(GatewayChannels.code(Channel.fromId(entry.channel())));
            g.writeName("channelName");
            g.writeString(entry.title());
            g.writeName("iconUrl");
            g.writeString(entry.icon());
            g.writeEndObject();
        }
        for (StoreCard store : floor.stores()) {
            shop(g, store);
        }
        for (ProductCard product : floor.products()) {
            goods(g, product);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void shop(JsonGenerator g, StoreCard s) {
        g.writeStartObject();
        g.writeName("shopId");
        g.writeString(s.storeId());
        g.writeName("shopName");
        g.writeString(s.name());
        g.writeName("logoUrl");
        g.writeString(s.logo());
        g.writeName("channelCodes");
        g.writeStartArray();
        for (String channel : s.channels()) {
            g.writeString(GatewayChannels.code(Channel.fromId(channel)));
        }
        g.writeEndArray();
        g.writeName("score");
        g.writeNumber(s.rating());
        g.writeName("monthSales");
        g.writeNumber(s.monthlySales());
        g.writeName("distance");
        g.writeNumber(s.distanceMetres());
        g.writeName("deliveryTime");
        g.writeNumber(s.deliveryMinutes());
        g.writeName("shippingFee");
        g.writeString(yuan(s.deliveryFeeCents()));
        g.writeName("minPrice");
        g.writeString(yuan(s.minOrderCents()));
        g.writeName("bizStatus");
        g.writeNumber(bizStatus(s.status()));
        tags(g, s.tags());
        g.writeEndObject();
    }

    private static void goods(JsonGenerator g, ProductCard p) {
        g.writeStartObject();
        g.writeName("skuId");
        g.writeString(p.skuId());
        g.writeName("shopId");
        g.writeString(p.storeId());
        g.writeName("skuName");
        g.writeString(p.name());
        g.writeName("picUrl");
        g.writeString(p.image());
        g.writeName("price");
        g.writeString(yuan(p.priceCents()));
        g.writeName("originPrice");
        g.writeString(yuan(p.originalPriceCents()));
        g.writeName("stock");
        g.writeNumber(p.stock());
        g.writeName("saleStatus");
        g.writeNumber(saleStatus(p.status()));
        g.writeName("monthSales");
        g.writeNumber(p.monthlySales());
        tags(g, p.tags());
        g.writeEndObject();
    }

    private static void tags(JsonGenerator g, List<String> tags) {
        g.writeName("tagList");
        g.writeStartArray();
        if (tags != null) {
            for (String tag : tags) {
                g.writeString(tag);
            }
        }
        g.writeEndArray();
    }

    private static void category(JsonGenerator g, Category category, String parentId, int level) {
        g.writeStartObject();
        g.writeName("categoryId");
        g.writeString(category.categoryId());
        g.writeName("categoryName");
        g.writeString(category.name());
        g.writeName("parentId");
        g.writeString(parentId);
        g.writeName("level");
        g.writeNumber(level);
        g.writeName("skuCount");
        g.writeNumber(category.productCount());
        g.writeEndObject();
        for (Category child : category.children()) {
            category(g, child, category.categoryId(), level + 1);
        }
    }
}
