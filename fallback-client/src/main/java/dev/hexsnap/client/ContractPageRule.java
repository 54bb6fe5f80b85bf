package dev.hexsnap.client;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.upstream.contract.PageArgs;
import dev.hexsnap.core.upstream.contract.PageRejectedException;
import dev.hexsnap.core.upstream.contract.UpstreamContract;

import java.util.Objects;

/**
 * {@link PageRule#contract}: the contract's one streaming pass over the bytes (core's extraction,
 * paths compiled once when the contract was loaded), then its emptiness rules. Thread-safe, as
 * the contract is.
 */
final class ContractPageRule implements PageRule {

    /** The account a request names when it names none: the worker's non-personalised page. */
    private static final String GENERIC = "generic";

    private final UpstreamContract contract;
    private final int pageSize;

    ContractPageRule(UpstreamContract contract, int pageSize) {
        this.contract = Objects.requireNonNull(contract, "contract");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public boolean callsForFallback(PageRequest request, byte[] json) {
        PageArgs args = args(request);
        try {
            return switch (request.kind()) {
                case HOME -> contract.location(dev.hexsnap.core.page.PageKind.HOME, json, args).empty();
                case CHANNEL -> contract.location(dev.hexsnap.core.page.PageKind.CHANNEL, json, args).empty();
                case STORE_CATEGORIES -> contract.categories(json, args).empty();
                case STORE_PRODUCTS -> contract.products(json, args).empty();
            };
        } catch (PageRejectedException e) {
            return true;
        }
    }

    /** The arguments the echo checks compare the answer with: the request's; no moment (the service asked for "now"). */
    private PageArgs args(PageRequest request) {
        String account = request.userId() == null ? GENERIC : request.userId();
        return switch (request.kind()) {
            case HOME -> PageArgs.home(new LatLng(request.lat(), request.lng()), account, null);
            case CHANNEL -> PageArgs.channel(request.channel(), new LatLng(request.lat(), request.lng()), account, null);
            case STORE_CATEGORIES -> PageArgs.categories(request.storeId(), null);
            case STORE_PRODUCTS -> PageArgs.products(request.storeId(), request.categoryId(), request.page(), pageSize, null);
        };
    }

    @Override
    public String toString() {
        return "contract " + contract.name();
    }
}
