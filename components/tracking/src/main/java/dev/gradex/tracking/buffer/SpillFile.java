package dev.gradex.tracking.buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.tracking.rest.RunRef;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The on-disk buffer: a JSONL file with one line per known run reference ({@code {"ref", "run_id",
 * "artifact_uri"}}) and one per pending call ({@code {"seq", "kind", "run", "body"}}), in order.
 * Files to upload are copied to {@code <file>.blobs/} so they outlive the stage's work directory.
 */
public final class SpillFile {
  private static final ObjectMapper JSON = Json.JSON;

  private final Path file;
  private final Path blobs;

  public SpillFile(Path file) {
    this.file = file.toAbsolutePath();
    this.blobs = Path.of(this.file + ".blobs");
  }

  public Path path() {
    return file;
  }

  public boolean exists() {
    return Files.exists(file);
  }

  /** What a spill file holds. */
  public record Contents(Map<String, RunRef> refs, List<Call> calls) {}

  /** Copies an upload's file into the blob directory and returns the call pointing at the copy. */
  Call preserve(Call call) throws IOException {
    if (call.kind() != Call.Kind.UPLOAD) {
      return call;
    }
    Path source = Path.of(call.body().path("file").asText());
    if (source.startsWith(blobs) || !Files.isRegularFile(source)) {
      return call; // a vanished file is reported when the upload is attempted
    }
    createPrivateDirectory(blobs);
    Path copy = blobs.resolve(call.seq() + "-" + source.getFileName());
    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
    ObjectNode body = call.body().deepCopy().put("file", copy.toString());
    return new Call(call.seq(), call.kind(), call.run(), body);
  }

  /** Appends one call. */
  void append(Call call) throws IOException {
    createPrivateDirectory(file.getParent());
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      w.write(callLine(call));
      w.newLine();
    }
  }

  /** Replaces the file with these references and calls (write aside, then rename). */
  void rewrite(Map<String, RunRef> refs, Collection<Call> calls) throws IOException {
    try {
      createPrivateDirectory(file.getParent());
      AtomicFiles.write(file, out -> rewrite(out, refs, calls));
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void rewrite(OutputStream out, Map<String, RunRef> refs, Collection<Call> calls)
      throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (Map.Entry<String, RunRef> e : refs.entrySet()) {
      ObjectNode line = JSON.createObjectNode().put("ref", e.getKey());
      line.put("run_id", e.getValue().runId());
      line.put("artifact_uri", e.getValue().artifactUri());
      w.write(line.toString());
      w.newLine();
    }
    for (Call c : calls) {
      w.write(callLine(c));
      w.newLine();
    }
    w.flush();
  }

  /** Reads the file back; a torn last line (process killed mid-write) is skipped. */
  public Contents read() throws IOException {
    Map<String, RunRef> refs = new LinkedHashMap<>();
    List<Call> calls = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        continue;
      }
      if (n.has("ref")) {
        String uri = n.path("artifact_uri").isNull() ? null : n.path("artifact_uri").asText();
        refs.put(n.get("ref").asText(), new RunRef(n.path("run_id").asText(), uri));
      } else {
        calls.add(
            new Call(
                n.path("seq").asLong(),
                Call.Kind.valueOf(n.path("kind").asText()),
                n.path("run").asText(),
                (ObjectNode) n.path("body")));
      }
    }
    return new Contents(refs, calls);
  }

  /** Removes the file and its blobs once everything was delivered. */
  void delete() throws IOException {
    Files.deleteIfExists(file);
    if (Files.isDirectory(blobs)) {
      try (Stream<Path> s = Files.walk(blobs)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String callLine(Call c) {
    ObjectNode line = JSON.createObjectNode().put("seq", c.seq()).put("kind", c.kind().name());
    line.put("run", c.run());
    line.set("body", c.body());
    return line.toString();
  }

  /**
   * Creates {@code dir} (and missing parents) readable by the owner only where the file system has
   * POSIX permissions: the buffer holds copies of uploaded files until a flush.
   */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
