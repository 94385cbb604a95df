/**
 * Reading and writing the safetensors format (an 8-byte little-endian header length, a JSON header
 * of tensor names, dtypes, shapes and byte offsets, then the raw data), with every size in the
 * header checked against the file before any data is read. Depends only on the JDK, Jackson and
 * gradex-core.
 */
package dev.gradex.model.safetensors;
