package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every YAML mapper reads plain data only: no tag is honoured (a gadget-chain tag is refused, not
 * read as its arguments), no alias is expanded or silently read as its anchor's name (so an alias
 * bomb is refused at its first alias), and a document over the code-point limit is refused.
 */
class SafeYamlTest {
  private static final List<ObjectMapper> MAPPERS =
      List.of(Json.YAML, Json.STRICT_YAML, new ObjectMapper(SafeYaml.factory()).copy());

  private static final String GADGET =
      "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
          + " [\"http://127.0.0.1:9/\"]]]]\n";

  private static final String BILLION_LAUGHS =
      String.join(
          "\n",
          "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
          "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
          "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
          "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
          "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
          "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
          "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
          "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
          "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
          "");

  @Test
  void typeTagsAreRefusedNamingTheTagAndLine() {
    for (ObjectMapper m : MAPPERS) {
      assertThatThrownBy(() -> m.readTree(GADGET))
          .isInstanceOf(JsonProcessingException.class)
          .hasMessageContaining("YAML tag '")
          .hasMessageContaining("javax.script.ScriptEngineManager")
          .hasMessageContaining("only plain data")
          .hasMessageContaining("line: 1");
      assertThatThrownBy(() -> m.readValue("x: !custom 3\n", Map.class))
          .hasMessageContaining("YAML tag 'custom'");
    }
  }

  @Test
  void aliasBombIsRefusedAtTheFirstAlias() {
    for (ObjectMapper m : MAPPERS) {
      assertThatThrownBy(() -> m.readTree(BILLION_LAUGHS))
          .isInstanceOf(JsonProcessingException.class)
          .hasMessageContaining("YAML alias *a is not allowed")
          .hasMessageContaining("line: 2");
    }
  }

  @Test
  void aliasIsNeverReadAsItsAnchorName() throws Exception {
    // Plain Jackson reads `b: *a` as b = "a", silently.
    assertThat(
            new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree("a: &a {k: v}\nb: *a\n")
                .toString())
        .isEqualTo("{\"a\":{\"k\":\"v\"},\"b\":\"a\"}")
        .as("the behaviour refused here");
    assertThatThrownBy(() -> Json.STRICT_YAML.readTree("a: &a {k: v}\nb: *a\n"))
        .hasMessageContaining("YAML alias *a");
  }

  @Test
  void documentOverTheCodePointLimitIsRefused() {
    String huge = "k: [" + "1,".repeat(SafeYaml.CODE_POINT_LIMIT / 2) + "1]\n";
    assertThatThrownBy(() -> Json.STRICT_YAML.readTree(huge))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("exceeds the limit: " + SafeYaml.CODE_POINT_LIMIT);
  }

  @Test
  void plainDataStillReads() throws Exception {
    JsonNode n =
        Json.STRICT_YAML.readTree("a: 1\nb: [x, 'y', \"z\"]\nc: {d: true, e: null}\nf: 2.5\n");
    assertThat(n.toString())
        .isEqualTo("{\"a\":1,\"b\":[\"x\",\"y\",\"z\"],\"c\":{\"d\":true,\"e\":null},\"f\":2.5}");
    assertThat(Json.YAML.readValue(Json.YAML.writeValueAsString(Map.of("k", "v")), Map.class))
        .isEqualTo(Map.of("k", "v"));
  }

  @Test
  void loaderOptionsAreSetExplicitly() {
    var o = SafeYaml.options();
    assertThat(o.getCodePointLimit()).isEqualTo(SafeYaml.CODE_POINT_LIMIT);
    assertThat(o.getMaxAliasesForCollections()).isZero();
    assertThat(o.isAllowDuplicateKeys()).isFalse();
    assertThat(o.getAllowRecursiveKeys()).isFalse();
  }
}
