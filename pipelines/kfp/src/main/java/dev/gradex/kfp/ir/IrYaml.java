package dev.gradex.kfp.ir;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradex.core.SafeYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes and reads IR YAML: keys sorted, doubles as Python writes them, no document markers. */
public final class IrYaml {
  private static final YAMLMapper MAPPER = mapper();

  private IrYaml() {}

  /** The header, the PipelineSpec and, when present, {@code ---} and the platform document. */
  static String write(CompiledPipeline compiled) {
    StringBuilder out = new StringBuilder(compiled.header());
    out.append(toYaml(compiled.pipelineSpec()));
    compiled.platform().ifPresent(p -> out.append("---\n").append(toYaml(p)));
    return out.toString();
  }

  /** One document as YAML. */
  public static String toYaml(Map<String, Object> document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a document's YAML (or JSON) text into maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(String yaml) {
    try {
      return MAPPER.readValue(yaml, Map.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static YAMLMapper mapper() {
    // Read as plain data only (no tags, no aliases, a code-point limit), as every GradEx YAML.
    YAMLFactory factory =
        SafeYaml.factory(
            b ->
                b.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES));
    SimpleModule doubles = new SimpleModule("python-doubles");
    doubles.addSerializer(Double.class, new PythonDoubleSerializer());
    YAMLMapper m = new YAMLMapper(factory);
    m.registerModule(doubles);
    m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    return m;
  }

  private static final class PythonDoubleSerializer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeNumber(Numbers.pythonRepr(value));
    }
  }
}
