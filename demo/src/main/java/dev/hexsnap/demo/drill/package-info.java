/**
 * The outage drill: simulated users go through the SOA path (the fallback client asking the
 * live upstream first, then the fallback API) while the upstream answers empty pages, then
 * fails altogether, then recovers; the report says second by second who got a page and from
 * where.
 */
package dev.hexsnap.demo.drill;
