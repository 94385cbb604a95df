package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: it must reject what kfp_server_api does not define. */
class RestCheckerTest {
  @Test
  void unknownFieldsBadEnumsUnknownQueryAndPaths_areReportedAsProblems() throws Exception {
    try (RestChecker checker = RestChecker.start(2)) {
      int runField =
          send(
              checker,
              "POST",
              "/apis/v2beta1/runs",
              "{\"display_name\":\"r\",\"pipeline_root\":\"s3://x\"}");
      int badEnum =
          send(
              checker, "POST", "/apis/v2beta1/runs", "{\"display_name\":\"r\",\"state\":\"DONE\"}");
      int badQuery = send(checker, "GET", "/apis/v2beta1/runs?pageSize=5", null);
      int badPath = send(checker, "POST", "/apis/v2beta1/runs/r1:stop", null);
      int badMethod = send(checker, "PUT", "/apis/v2beta1/runs/r1", null);

      assertThat(List.of(runField, badEnum, badQuery, badPath, badMethod))
          .containsExactly(400, 400, 400, 404, 405);
      assertThat(checker.requests())
          .extracting(r -> r.path("problems").toString())
          .satisfiesExactly(
              p -> assertThat(p).contains("unknown field 'pipeline_root' (not in V2beta1Run)"),
              p -> assertThat(p).contains("'DONE' is not a V2beta1RuntimeState"),
              p -> assertThat(p).contains("query parameters ['pageSize']"),
              p -> assertThat(p).contains("no operation POST /apis/v2beta1/runs/r1:stop"),
              p -> assertThat(p).contains("methods there: ['DELETE', 'GET']"));
    }
  }

  private static int send(RestChecker checker, String method, String path, String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(checker.uri().resolve(path))
                    .method(method, publisher)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }
}
