package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The error bodies the KFP 2.17 API server writes, as taken from its handlers. */
class ErrorBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void uploadError_givesErrorMessage_andOnlyTheFirstLineOfErrorDetails() throws Exception {
    var body =
        JSON.readTree(
            "{\"error_message\":\"Invalid input error: pipeline spec is invalid\","
                + "\"error_details\":\"Invalid input error: pipeline spec is invalid: no root\\n"
                + "github.com/kubeflow/pipelines/backend/src/common/util.NewInvalidInputError\\n"
                + "\\t/go/src/error.go:185\"}");
    assertThat(ErrorBody.message(body))
        .isEqualTo("Invalid input error: pipeline spec is invalid: no root");
    assertThat(ErrorBody.grpcCode(body)).isEqualTo(-1);
  }

  @Test
  void grpcStatus_keepsTheInternalMessageWhenItContainsTheExternalDetail() throws Exception {
    var body =
        JSON.readTree(
            "{\"code\":5,\"message\":\"Failed to get run: NotFoundError: Run r1 not found\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.Status\","
                + "\"code\":5,\"message\":\"Run r1 not found\"}]}");
    assertThat(ErrorBody.message(body))
        .isEqualTo("Failed to get run: NotFoundError: Run r1 not found");
    assertThat(ErrorBody.grpcCode(body)).isEqualTo(5);
  }

  @Test
  void grpcStatus_appendsADistinctDetailMessage() throws Exception {
    var body =
        JSON.readTree(
            "{\"code\":3,\"message\":\"Invalid input error\","
                + "\"details\":[{\"@type\":\"x\",\"message\":\"display_name is empty\"}]}");
    assertThat(ErrorBody.message(body)).isEqualTo("Invalid input error; display_name is empty");
  }

  @Test
  void emptyBody_saysSoInsteadOfAnEmptyReason() {
    assertThat(ErrorBody.message(JSON.createObjectNode()))
        .isEqualTo("(no error message in the response)");
  }
}
