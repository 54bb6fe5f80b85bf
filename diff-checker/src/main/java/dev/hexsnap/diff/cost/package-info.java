/**
 * What the snapshots cost and which resolution to run: a generation measured in Redis, bytes
 * turned into money, and the recommendation that weighs fidelity against cost.
 */
package dev.hexsnap.diff.cost;
