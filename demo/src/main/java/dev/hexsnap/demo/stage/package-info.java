/**
 * Running the stage programs (grid, upstream, worker, api, diff) as child processes: finding
 * their jars, passing configuration through the environment, waiting for servers to answer,
 * and stopping them.
 */
package dev.hexsnap.demo.stage;
