/**
 * Request heat: where people live and work in the demo world's cities, as the CSV the grid
 * builder reads ({@code lat,lng,count}), streamed by an endpoint and written by a command.
 */
package dev.hexsnap.upstream.heat;
