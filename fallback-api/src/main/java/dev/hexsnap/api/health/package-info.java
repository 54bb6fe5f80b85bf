/**
 * What operators watch: the Actuator health of the snapshot source (Redis reachable, age of
 * the published generations) and the Micrometer metrics of every answer.
 */
package dev.hexsnap.api.health;
