/**
 * The upstream contract: the YAML file that says how to ask a company's page services for each
 * page kind and what to read from the answers ({@link dev.hexsnap.core.upstream.contract.UpstreamContract},
 * read and checked by {@link dev.hexsnap.core.upstream.contract.ContractReader}), and the one-pass
 * streaming extraction its paths compile to. Reference: docs/upstream-contract.md.
 */
package dev.hexsnap.core.upstream.contract;
