package dev.gradex.local.problems;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text a classifier sees of one raw email: its subject and the start of its body, with HTML
 * tags, quoted-printable soft breaks and MIME part headers removed, cut by {@link TextCut}. Headers
 * other than the subject (sender, relays, dates) are left out: they identify the collection an
 * email came from rather than whether it is spam.
 */
final class EmailText {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&[a-zA-Z#0-9]{1,8};");
  private static final Pattern SOFT_BREAK = Pattern.compile("=\\r?\\n");
  private static final Pattern QP_BYTE = Pattern.compile("=[0-9A-F]{2}");

  private EmailText() {}

  /** {@code "Subject: ... | body start"}, or the body alone when there is no subject. */
  static String of(String raw) {
    String text = raw.replace("\r\n", "\n");
    int split = text.indexOf("\n\n");
    String headers = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    String subject = subject(headers);
    String cleaned = clean(body);
    return TextCut.cut(subject.isEmpty() ? cleaned : "Subject: " + subject + " | " + cleaned);
  }

  private static String subject(String headers) {
    for (String line : headers.split("\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("subject:")) {
        return TextCut.normalise(line.substring("subject:".length()));
      }
    }
    return "";
  }

  private static String clean(String body) {
    String b = SOFT_BREAK.matcher(body).replaceAll("");
    b = QP_BYTE.matcher(b).replaceAll(" ");
    StringBuilder kept = new StringBuilder();
    for (String line : b.split("\n")) {
      String l = line.strip();
      String lower = l.toLowerCase(Locale.ROOT);
      if (l.startsWith("--") || lower.startsWith("content-") || lower.startsWith("mime-")) {
        continue; // MIME boundaries and part headers
      }
      kept.append(l).append('\n');
      if (kept.length() > 16 * TextCut.MAX_CHARS) {
        break; // enough for the cut, even after the tags are gone
      }
    }
    String t = TAG.matcher(kept).replaceAll(" ");
    return ENTITY.matcher(t).replaceAll(" ");
  }
}
