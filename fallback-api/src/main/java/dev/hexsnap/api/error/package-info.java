/**
 * Every error as a JSON body naming the problem (a parameter, a missing snapshot, Redis down),
 * never a stack trace: the exceptions the features throw and their mapping to HTTP.
 */
package dev.hexsnap.api.error;
