package dev.gradex.model.gguf;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link GgufImporter} converted: the architecture and shape of the model, and how many
 * tensors of each ggml type the file held.
 */
public record ImportSummary(
    Path out,
    String architecture,
    String name,
    int layers,
    int hiddenSize,
    int heads,
    int kvHeads,
    int vocabSize,
    boolean tiedEmbeddings,
    long parameters,
    Map<GgmlType, Integer> tensorTypes) {}
