package dev.hexsnap.core.upstream;

import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every stage asks the page services the same way, so that the worker stores and the diff
 * compares the same pages: the contract, the account and the page size.
 *
 * @param contract the upstream contract: a shipped name ({@code hexsnap-v1}, {@code demo-gateway}),
 *                 a {@code classpath:} resource or a file (docs/upstream-contract.md)
 * @param account  the account location pages are asked for ({@code {account}}): the non-personalised {@code generic} one
 * @param pageSize products per page asked of the products pages ({@code {size}}, {@code {limit}})
 */
@ConfigurationProperties("hexsnap.upstream")
public record UpstreamSettings(
        @DefaultValue(UpstreamContract.DEFAULT) String contract,
        @DefaultValue("generic") String account,
        @DefaultValue("20") int pageSize) {

    public UpstreamSettings {
        if (contract == null || contract.isBlank()) {
            throw new IllegalArgumentException("hexsnap.upstream.contract must name a contract (default " + UpstreamContract.DEFAULT + ")");
        }
        if (account == null || !account.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("hexsnap.upstream.account must be 1-64 of A-Z, a-z, 0-9, '-', '_', got '" + account + "'");
        }
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("hexsnap.upstream.page-size must be within [1, 500], got " + pageSize);
        }
    }
}
