package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MergeStoreCommandTest {
  @Test
  void kfpArtifactUrisMapToTheLaunchersMounts() {
    String json =
        "{\"artifacts\":[{\"name\":\"a\",\"uri\":\"minio://mlpipeline/v2/run/shard-0\"},"
            + "{\"name\":\"b\",\"uri\":\"gs://bucket/x/shard-1\"},{\"uri\":\"s3://b/shard-2\"}]}";
    assertThat(MergeStoreCommand.paths(json))
        .containsExactly(
            Path.of("/minio/mlpipeline/v2/run/shard-0"),
            Path.of("/gcs/bucket/x/shard-1"),
            Path.of("/s3/b/shard-2"));
  }

  @Test
  void plainListsAndArraysWithPathsAreAccepted() {
    assertThat(MergeStoreCommand.paths("/a, /b")).containsExactly(Path.of("/a"), Path.of("/b"));
    assertThat(MergeStoreCommand.paths("[{\"path\":\"/x\"}]")).containsExactly(Path.of("/x"));
  }

  @Test
  void unmountableUriIsRefusedNamingIt() {
    assertThatThrownBy(() -> MergeStoreCommand.paths("[{\"uri\":\"hdfs://n/p\"}]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hdfs://n/p");
  }
}
