package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.ProductCard;
import dev.hexsnap.core.page.StoreCard;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;
import dev.hexsnap.upstream.world.WorldTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JsonSizesTests {

    @Test
    void estimatesMatchTheSerialisedBytesOfEveryCard() {
        World world = World.generate(new WorldSpec(42, CityCatalog.bundled().core(1), 1.0));
        PageBuilder pages = new PageBuilder(world, GisGrid.standard(), 100_000, 50_000);
        PageJson json = new PageJson();
        LocationPage page = pages.home(39.9042, 116.4074, "generic", WorldTime.DEFAULT.at(Instant.parse("2026-11-23T04:00:00Z")));

        int cards = 0;
        for (LocationPage.Floor floor : page.floors()) {
            for (ProductCard product : floor.products()) {
                assertThat(JsonSizes.product(product)).as(product.toString()).isEqualTo(json.write(product).length);
                cards++;
            }
            for (StoreCard store : floor.stores()) {
                assertThat(JsonSizes.store(store)).as(store.toString()).isEqualTo(json.write(store).length);
                cards++;
            }
        }
        assertThat(cards).isGreaterThan(100);
    }
}
