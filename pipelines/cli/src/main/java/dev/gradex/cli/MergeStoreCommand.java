package dev.gradex.cli;

import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.store.StoreMerger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradex merge-store}: merges gradient-store shards (k of K) into one store. */
@Command(
    name = "merge-store",
    mixinStandardHelpOptions = true,
    description = {
      "Merges gradient-store shards (k of K) into one store.",
      "Refuses shards that disagree on dim, projector, parameter layout, digests or",
      "tasks, a missing or repeated shard index, and duplicate example ids, naming the field."
    })
public final class MergeStoreCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Directory of the merged store.")
  Path out;

  @Parameters(arity = "1..*", paramLabel = "SHARD", description = "Shard store directories.")
  List<Path> shards;

  @Override
  public Integer call() {
    StoreManifest merged = StoreMerger.merge(shards, out);
    System.err.printf(
        "gradex: merged %d shards into %s (%d training, %d validation examples)%n",
        shards.size(),
        out,
        merged.split(dev.gradex.core.store.Split.TRAIN).examples(),
        merged.split(dev.gradex.core.store.Split.VALIDATION).examples());
    return 0;
  }
}
