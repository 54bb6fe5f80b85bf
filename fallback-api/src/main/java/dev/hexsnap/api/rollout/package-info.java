/**
 * Feature switches per page kind and gradual roll-out by user, city and store; the state is
 * shared by every instance through Redis and polled, so a change takes effect within seconds.
 */
package dev.hexsnap.api.rollout;
