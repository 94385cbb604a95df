package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UriSchemesTest {
  @Test
  void schemesOutsideTheListAreRefusedNamingSettingValueAndScheme() {
    for (String bad :
        new String[] {"ftp://h/x", "jar:file:/a.jar!/", "gopher://h", "javascript:x"}) {
      String scheme = bad.substring(0, bad.indexOf(':'));
      assertThat(UriSchemes.problem("S", bad, UriSchemes.HTTP, false))
          .contains("S '" + bad + "': scheme " + scheme + ": is not allowed; expected http, https");
    }
  }

  @Test
  void allowedSchemesPassInAnyCase() {
    assertThat(UriSchemes.problem("S", "HTTPS://h", UriSchemes.HTTP, false)).isEmpty();
    assertThat(UriSchemes.problem("S", "s3://b/p", Set.of("s3"), false)).isEmpty();
  }

  @Test
  void aValueWithoutSchemeIsAPathWhereAllowedAndRefusedElsewhere() {
    assertThat(UriSchemes.problem("S", "/data/x", Set.of("s3"), true)).isEmpty();
    assertThat(UriSchemes.problem("S", "host:8080", UriSchemes.HTTP, false)).isPresent();
    assertThatThrownBy(() -> UriSchemes.require("S", "mlflow", UriSchemes.HTTP, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S 'mlflow' has no scheme; expected http, https");
  }
}
