/**
 * Store re-crawls the diff-checker asks for ({@code store_recrawl_request}): claiming requests
 * so that concurrent workers never take the same one, writing the stores again into the
 * generation their slot serves, and recording what became of each request.
 */
package dev.hexsnap.worker.recrawl;
