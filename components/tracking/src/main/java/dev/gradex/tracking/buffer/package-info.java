/**
 * Delivery that does not lose data: every tracking call is queued in order, sent with bounded
 * exponential backoff, and while the server is unreachable kept in memory and in a JSONL spill file
 * (artifact files copied beside it) that this or a later process flushes when the server returns.
 * Run ids are local references until the server assigns them, so runs can be created while it is
 * down.
 *
 * <p>Allowed dependencies: the API package, {@code rest} and {@code registry}.
 */
package dev.gradex.tracking.buffer;
