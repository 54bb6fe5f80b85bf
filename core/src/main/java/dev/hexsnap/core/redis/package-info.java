/**
 * Access to Redis through Lettuce, standalone or Redis Cluster behind one small API:
 * {@link dev.hexsnap.core.redis.RedisSettings} says where and how,
 * {@link dev.hexsnap.core.redis.RedisKeyValue} is the shared connection every stage uses.
 */
package dev.hexsnap.core.redis;
