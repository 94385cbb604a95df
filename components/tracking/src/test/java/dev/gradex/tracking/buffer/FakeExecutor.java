package dev.gradex.tracking.buffer;

import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.rest.MlflowApiException;
import dev.gradex.tracking.rest.RunRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records delivered calls; fails them as scripted. */
final class FakeExecutor extends CallExecutor {
  final List<Call> delivered = new ArrayList<>();
  final Deque<MlflowApiException.Kind> script = new ArrayDeque<>();
  MlflowApiException.Kind always;
  int attempts;
  final List<String> seenKeys = new ArrayList<>();

  FakeExecutor() {
    super(null);
  }

  @Override
  public String trackingUri() {
    return "http://127.0.0.1:9";
  }

  @Override
  public Optional<ModelPromotion> execute(Call call, Map<String, RunRef> refs)
      throws MlflowApiException {
    attempts++;
    if (call.kind() == Call.Kind.CREATE_RUN) {
      seenKeys.add(call.body().path(RUN_KEY_FIELD).asText());
    }
    MlflowApiException.Kind fail = script.isEmpty() ? always : script.poll();
    if (fail != null) {
      throw new MlflowApiException(
          fail, fail == MlflowApiException.Kind.UNREACHABLE ? 0 : 500, "", "scripted " + fail);
    }
    if (call.kind() == Call.Kind.CREATE_RUN) {
      refs.put(call.run(), new RunRef("id-" + call.run(), "mlflow-artifacts:/0/id/artifacts"));
    } else if (!refs.containsKey(call.run())) {
      throw MlflowApiException.rejected("unknown run " + call.run());
    }
    delivered.add(call);
    return Optional.empty();
  }

  List<Long> deliveredSeqs() {
    return delivered.stream().map(Call::seq).toList();
  }
}
