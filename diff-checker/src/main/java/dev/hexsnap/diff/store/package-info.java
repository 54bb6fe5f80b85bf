/**
 * The store diff: key stores' category trees and first product pages, stored against live; the
 * anomalies, and the re-crawl requests the worker picks up when they pass a share.
 */
package dev.hexsnap.diff.store;
