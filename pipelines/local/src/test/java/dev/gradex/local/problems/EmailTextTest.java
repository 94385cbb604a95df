package dev.gradex.local.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTextTest {
  @Test
  void subjectAndBodyStartWithoutRelayHeadersTagsOrMimePartHeaders() {
    String raw =
        "From a@b.c  Thu Aug 22 2002\r\n"
            + "Received: from relay.example.org\r\n"
            + "Subject: Cheap   watches\r\n"
            + "To: x@y.z\r\n"
            + "\r\n"
            + "------=_NextPart_000\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n"
            + "<html><b>Buy</b>&nbsp;now, 50=\r\n"
            + "% off=20today</html>\r\n";
    assertThat(EmailText.of(raw)).isEqualTo("Subject: Cheap watches | Buy now, 50% off today");
  }

  @Test
  void withoutSubjectTheBodyAlone() {
    assertThat(EmailText.of("From: a\n\nHello there")).isEqualTo("Hello there");
  }
}
