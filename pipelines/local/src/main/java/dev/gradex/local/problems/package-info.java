/**
 * Selection problems built from registry-shipped text, with planted helpful, unrelated and harmful
 * sources: data files, the planted truth and a ready {@code run.yaml} for {@code gradex run}. Reads
 * only the unpacked corpora it is given (tests/setup/corpora.sh fetches them).
 */
package dev.gradex.local.problems;
