package dev.gradex.tests.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API server's credentials, written to its directory: the ServiceAccount token signing key pair
 * (RSA, PEM, made by Java's KeyPairGenerator) and tokens.csv with one random admin token in the
 * group system:masters.
 *
 * @param signingKey PKCS#8 private key that signs ServiceAccount tokens
 * @param publicKey the public key that verifies them
 * @param tokens the static token file
 * @param adminToken the admin's bearer token
 */
record KubeCredentials(Path signingKey, Path publicKey, Path tokens, String adminToken) {

  static KubeCredentials write(Path dir) throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      pair = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no RSA", e);
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String admin = HexFormat.of().formatHex(secret);
    Path key =
        Files.writeString(
            dir.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Path pub =
        Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Path tokens =
        Files.writeString(
            dir.resolve("tokens.csv"), admin + ",gradex-admin,gradex-admin,\"system:masters\"\n");
    return new KubeCredentials(key, pub, tokens, admin);
  }

  /** A kubeconfig with one cluster, one token user and one context. */
  static Path kubeconfig(Path file, String url, Path ca, String token, String namespace)
      throws IOException {
    String text =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "  - name: gradex-test",
            "    cluster: {server: \"" + url + "\", certificate-authority: \"" + ca + "\"}",
            "users:",
            "  - name: gradex-admin",
            "    user: {token: \"" + token + "\"}",
            "contexts:",
            "  - name: gradex-test",
            "    context: {cluster: gradex-test, user: gradex-admin, namespace: " + namespace + "}",
            "current-context: gradex-test",
            "");
    return Files.writeString(file, text);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
