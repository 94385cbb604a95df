package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestersTest {
  @TempDir Path dir;

  @Test
  void file_digestIsSha256OfItsBytes() throws Exception {
    Path f = Files.writeString(dir.resolve("a.txt"), "abc");

    assertThat(new LocalDigester().digest(f.toString()))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void directory_digestIsSha256sumListingOfSortedFiles() throws Exception {
    Files.createDirectories(dir.resolve("d/sub"));
    Files.writeString(dir.resolve("d/sub/b.txt"), "abc");
    Files.writeString(dir.resolve("d/a.txt"), "abc");
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    // printf '%s  a.txt\n%s  sub/b.txt\n' $abc $abc | sha256sum
    String listing = abc + "  a.txt\n" + abc + "  sub/b.txt\n";
    var md = dev.gradex.core.Sha256.newDigest();
    String expected = "sha256:" + java.util.HexFormat.of().formatHex(md.digest(listing.getBytes()));

    assertThat(new LocalDigester().digest(dir.resolve("d").toString())).isEqualTo(expected);
  }

  @Test
  void directory_renamingAFileChangesTheDigest() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/a.txt"), "abc");
    String before = new LocalDigester().digest(dir.resolve("d").toString());
    Files.move(dir.resolve("d/a.txt"), dir.resolve("d/b.txt"));

    assertThat(new LocalDigester().digest(dir.resolve("d").toString())).isNotEqualTo(before);
  }

  @Test
  void missingPath_isRefusedByName() {
    assertThatThrownBy(() -> new LocalDigester().digest(dir.resolve("nope").toString()))
        .hasMessageContaining("nope")
        .hasMessageContaining("does not exist");
  }

  @Test
  void objectStore_digestChangesWithAnEtagAndIgnoresListingOrder() throws Exception {
    List<ObjectStore.Entry> objects = new ArrayList<>();
    objects.add(new ObjectStore.Entry("web/b.jsonl", "e2"));
    objects.add(new ObjectStore.Entry("web/a.jsonl", "e1"));
    List<String> asked = new ArrayList<>();
    ObjectStore store =
        (bucket, prefix) -> {
          asked.add(bucket + "|" + prefix);
          return List.copyOf(objects);
        };
    ObjectStoreDigester d = new ObjectStoreDigester(store);
    String first = d.digest("s3://data/web/");
    java.util.Collections.reverse(objects);
    String reordered = d.digest("s3://data/web/");
    objects.set(0, new ObjectStore.Entry("web/a.jsonl", "e3"));

    assertThat(reordered).isEqualTo(first);
    assertThat(d.digest("s3://data/web/")).isNotEqualTo(first);
    assertThat(asked).first().isEqualTo("data|web/");
  }

  @Test
  void measure_givesTheDigestAndTheTotalSize() throws Exception {
    Files.createDirectories(dir.resolve("d/sub"));
    Files.writeString(dir.resolve("d/a.txt"), "abc");
    Files.writeString(dir.resolve("d/sub/b.txt"), "hello");
    LocalDigester local = new LocalDigester();
    ObjectStore sized =
        (bucket, prefix) ->
            List.of(new ObjectStore.Entry("a", "e1", 10), new ObjectStore.Entry("b", "e2", 5));
    ObjectStore unsized = (bucket, prefix) -> List.of(new ObjectStore.Entry("a", "e1"));

    assertThat(local.measure(dir.resolve("d").toString()))
        .isEqualTo(new SourceDigester.Measure(local.digest(dir.resolve("d").toString()), 8));
    assertThat(local.measure(dir.resolve("d/a.txt").toString()).bytes()).isEqualTo(3);
    assertThat(new ObjectStoreDigester(sized).measure("s3://b/p").bytes()).isEqualTo(15);
    assertThat(new ObjectStoreDigester(unsized).measure("s3://b/p").bytes()).isEqualTo(-1);
  }
}
