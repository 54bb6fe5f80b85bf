package dev.hexsnap.api.store;

import dev.hexsnap.api.config.ApiSettings;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.source.SnapshotReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * Store-detail pages in the app's two stages: the category tree, then a page of a category's
 * products.
 *
 * <p>The serving itself is {@link StorePages}'s; plain {@code GET}s of these paths usually reach
 * it without this controller, through the direct dispatch filter. This controller answers the
 * rest (HEAD, percent-encoded or otherwise unusual paths) and documents the endpoints.
 */
@RestController
@RequestMapping("/v1/snapshots/store")
@Tag(name = "store pages", description = "a store's category tree and its products by category and page")
class StoreController {

    private final StorePages pages;

    StoreController(SnapshotServing serving, SnapshotReader reader, ApiSettings settings) {
        this.pages = new StorePages(serving, reader, settings.maxProductPage());
    }

    @GetMapping("/{storeId}/categories")
    @Operation(summary = "A store's category tree")
    void categories(@Parameter(description = "store id: 1-64 of A-Z, a-z, 0-9, - and _") @PathVariable String storeId,
                    @Parameter(description = "user id for roll-out (or header X-User-Id)") @RequestParam(required = false) String userId,
                    @Parameter(description = "city slug for roll-out (or header X-City)") @RequestParam(required = false) String city,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.categories(storeId, userId, city, request, response);
    }

    @GetMapping("/{storeId}/categories/{categoryId}/products")
    @Operation(summary = "One page of a category's products (the worker backs up the first pages only)")
    void products(@Parameter(description = "store id") @PathVariable String storeId,
                  @Parameter(description = "leaf category id") @PathVariable String categoryId,
                  @Parameter(description = "1-based page, default 1; at most hexsnap.api.max-product-page") @RequestParam(required = false) String page,
                  @Parameter(description = "user id for roll-out (or header X-User-Id)") @RequestParam(required = false) String userId,
                  @Parameter(description = "city slug for roll-out (or header X-City)") @RequestParam(required = false) String city,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        pages.products(storeId, categoryId, page, userId, city, request, response);
    }
}
