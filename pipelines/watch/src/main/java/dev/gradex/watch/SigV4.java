package dev.gradex.watch;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for body-less S3 requests (what S3-compatible stores such as MinIO and
 * Ceph accept). A unit test checks it against botocore's signer.
 */
final class SigV4 {
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4() {}

  /**
   * The headers to send (besides Host): x-amz-date, x-amz-content-sha256 and Authorization.
   *
   * @param host the Host header as sent ({@code host[:port]}, port only when not the default)
   * @param path the raw (already encoded) path
   * @param query decoded query parameters
   */
  static Map<String, String> sign(
      String method,
      String host,
      String path,
      Map<String, String> query,
      String region,
      String accessKey,
      String secretKey,
      Instant now) {
    String amzDate = STAMP.format(now);
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/s3/aws4_request";
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonical =
        String.join(
            "\n",
            method,
            path.isEmpty() ? "/" : path,
            canonicalQuery(query),
            "host:" + host,
            "x-amz-content-sha256:" + EMPTY_SHA256,
            "x-amz-date:" + amzDate,
            "",
            signedHeaders,
            EMPTY_SHA256);
    String toSign =
        String.join(
            "\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonical.getBytes(UTF8))));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(UTF8), day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, toSign));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amz-date", amzDate);
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    headers.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return headers;
  }

  /** Query string with keys sorted and keys and values RFC 3986-encoded (also what is sent). */
  static String canonicalQuery(Map<String, String> query) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return b.toString();
  }

  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte c : s.getBytes(UTF8)) {
      char ch = (char) (c & 0xff);
      if ((ch >= 'A' && ch <= 'Z')
          || (ch >= 'a' && ch <= 'z')
          || (ch >= '0' && ch <= '9')
          || ch == '-'
          || ch == '_'
          || ch == '.'
          || ch == '~') {
        b.append(ch);
      } else {
        b.append('%').append(String.format("%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static byte[] sha256(byte[] data) {
    return LocalDigester.sha256().digest(data);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
