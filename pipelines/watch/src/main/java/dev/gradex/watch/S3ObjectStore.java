package dev.gradex.watch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Lists objects of an S3-compatible store with ListObjectsV2 (path-style, all pages), signed with
 * SigV4 when credentials are given, anonymous otherwise. JDK HTTP client and XML parser only.
 */
public final class S3ObjectStore implements ObjectStore {
  private final URI endpoint;
  private final String region;
  private final String accessKey;
  private final String secretKey;
  private final HttpClient http;
  private final Clock clock;

  /**
   * @param accessKey null for anonymous requests
   */
  public S3ObjectStore(
      URI endpoint, String region, String accessKey, String secretKey, Clock clock) {
    this.endpoint = endpoint;
    this.region = region == null ? "us-east-1" : region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when both are set. */
  public static S3ObjectStore fromEnvironment(URI endpoint, String region) {
    String ak = System.getenv("AWS_ACCESS_KEY_ID");
    String sk = System.getenv("AWS_SECRET_ACCESS_KEY");
    boolean creds = ak != null && !ak.isBlank() && sk != null && !sk.isBlank();
    return new S3ObjectStore(
        endpoint, region, creds ? ak : null, creds ? sk : null, Clock.systemUTC());
  }

  @Override
  public List<Entry> list(String bucket, String prefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("list-type", "2");
      query.put("prefix", prefix);
      if (token != null) {
        query.put("continuation-token", token);
      }
      Element root = get("/" + SigV4.encode(bucket), query).getDocumentElement();
      NodeList contents = root.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        Element c = (Element) contents.item(i);
        String size = text(c, "Size");
        out.add(
            new Entry(
                text(c, "Key"),
                text(c, "ETag").replace("\"", ""),
                size.isEmpty() ? -1 : Long.parseLong(size.strip())));
      }
      token = "true".equals(text(root, "IsTruncated")) ? text(root, "NextContinuationToken") : null;
    } while (token != null);
    return out;
  }

  private Document get(String path, Map<String, String> query) throws IOException {
    String base = endpoint.toString().replaceFirst("/+$", "");
    URI uri = URI.create(base + path + "?" + SigV4.canonicalQuery(query));
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
    if (accessKey != null) {
      String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      SigV4.sign("GET", host, path, query, region, accessKey, secretKey, clock.instant())
          .forEach(req::header);
    }
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted listing " + uri, e);
    }
    if (resp.statusCode() != 200) {
      throw new IOException(
          "S3 list " + uri + ": HTTP " + resp.statusCode() + " " + new String(resp.body()));
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(resp.body()));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("S3 list " + uri + ": unreadable XML: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent();
  }
}
