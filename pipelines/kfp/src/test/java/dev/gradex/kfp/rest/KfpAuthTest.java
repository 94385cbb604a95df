package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KfpAuthTest {
  @Test
  void bareCookieValue_getsTheAuthserviceCookieName() {
    assertThat(KfpAuth.sessionCookie(" MTY3abc ").cookie()).contains("authservice_session=MTY3abc");
    assertThat(KfpAuth.sessionCookie("x").authorization()).isEmpty();
  }

  @Test
  void namedCookies_andACopiedHeaderLine_areSentAsGiven() {
    assertThat(KfpAuth.sessionCookie("a=1; b=2").cookie()).contains("a=1; b=2");
    assertThat(KfpAuth.sessionCookie("Cookie: a=1").cookie()).contains("a=1");
  }

  @Test
  void cookieWithALineBreak_isRejected() {
    assertThatThrownBy(() -> KfpAuth.sessionCookie("a=1\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control characters");
  }

  @Test
  void withSessionCookie_keepsTheBearerToken() {
    KfpAuth auth = KfpAuth.bearer("t").withSessionCookie("c");
    assertThat(auth.authorization()).contains("Bearer t");
    assertThat(auth.cookie()).contains("authservice_session=c");
  }
}
