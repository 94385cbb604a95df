package dev.gradex.local.problems;

/**
 * One text of a corpus, cut to length.
 *
 * @param origin where it comes from, e.g. {@code spam-assassin/spam-1/00001} or {@code
 *     brown/ca01#3} (the record id in the written files)
 * @param text the cut text
 */
record Passage(String origin, String text) {}
