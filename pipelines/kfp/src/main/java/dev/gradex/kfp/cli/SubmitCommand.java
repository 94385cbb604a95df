package dev.gradex.kfp.cli;

import dev.gradex.core.Sha256;
import dev.gradex.kfp.crd.PipelinePublisher;
import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.ir.CompiledPipeline;
import dev.gradex.kfp.ir.IrCompiler;
import dev.gradex.kfp.ir.IrYaml;
import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpExperiment;
import dev.gradex.kfp.rest.KfpPipeline;
import dev.gradex.kfp.rest.KfpPipelineVersion;
import dev.gradex.kfp.rest.KfpRun;
import dev.gradex.kfp.rest.RunRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradex submit}: uploads the pipeline (or a new version) and starts a run. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads the GradEx pipeline to Kubeflow Pipelines and starts a run.",
      "A new pipeline version is made only when its content changed; the run gets the given",
      "parameters. Exit code 0 when submitted (or, with",
      "--wait, succeeded), 1 when KFP failed or the run did not succeed, 2 on bad input."
    })
public final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KfpConnection connection;

  @Option(
      names = "--pipeline-file",
      description = "Compiled pipeline YAML (default: compile the GradEx pipeline now).")
  Path pipelineFile;

  @Option(
      names = "--pipeline-name",
      description = "Pipeline name in KFP (default: ${DEFAULT-VALUE}).")
  String pipelineName = GradexPipeline.NAME;

  @Option(
      names = "--experiment",
      description = "Experiment (created if missing; default: ${DEFAULT-VALUE}).")
  String experiment = "gradex";

  @Option(names = "--run-name", description = "Run display name (default: <pipeline>-<version>).")
  String runName;

  @Option(
      names = "--param",
      description = "Pipeline parameter NAME=VALUE (repeatable; JSON values keep their type).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--pipeline-root",
      description = "Where the run stores artifacts, e.g. s3://bucket/gradex (default: KFP's).")
  String pipelineRoot;

  @Option(
      names = "--service-account",
      description = "Kubernetes service account of the run's pods (default: KFP's).")
  String serviceAccount;

  @Option(names = "--upload-only", description = "Upload the pipeline, start no run.")
  boolean uploadOnly;

  @Option(
      names = "--kubernetes",
      description = {
        "Publish as pipelines.kubeflow.org Pipeline/PipelineVersion resources through the",
        "Kubernetes API (kubeconfig or in-cluster; for GitOps clusters) instead of uploading;",
        "starts no run. --namespace picks the namespace."
      })
  boolean kubernetes;

  /** Where --kubernetes gets its client; tests point it at a mock server. */
  Supplier<KubernetesClient> kubernetesClient = () -> new KubernetesClientBuilder().build();

  @Option(names = "--wait", description = "Follow the run until it finishes.")
  boolean await;

  @Option(
      names = "--timeout-minutes",
      description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes = 24 * 60;

  @Option(
      names = "--poll-seconds",
      description = "With --wait: polling interval (default: ${DEFAULT-VALUE}).")
  int pollSeconds = 10;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CliSupport.run(
        "submit",
        spec.commandLine().getErr(),
        () -> {
          Map<String, Object> parameters = CliSupport.parameters(params);
          if (pollSeconds < 1) {
            throw new IllegalArgumentException("--poll-seconds " + pollSeconds + " must be >= 1");
          }
          // Check the run's fields (pipeline root) before touching the server.
          RunRequest.builder()
              .setDisplayName("unchecked")
              .setPipeline("unresolved", null)
              .optPipelineRoot(pipelineRoot)
              .build();
          byte[] yaml = pipelineYaml();
          if (kubernetes) {
            return publishResources(yaml, out);
          }
          KfpClient client = connection.client();
          KfpPipelineVersion version = upload(client, yaml, out);
          if (uploadOnly) {
            return 0;
          }
          KfpExperiment exp = client.ensureExperiment(experiment);
          // A token in the description makes the create idempotent: a retry after a timeout
          // finds the run this submit already made instead of starting a second one.
          String token = "gradex submit " + UUID.randomUUID();
          KfpRun run =
              client.createRun(
                  RunRequest.builder()
                      .setDisplayName(runName != null ? runName : version.name())
                      .setPipeline(version.pipelineId(), version.pipelineVersionId())
                      .optExperimentId(exp.experimentId())
                      .optDescription(token)
                      .optPipelineRoot(pipelineRoot)
                      .optServiceAccount(serviceAccount)
                      .optParameters(parameters)
                      .build(),
                  () ->
                      client.listRuns(exp.experimentId(), 100).stream()
                          .filter(r -> token.equals(r.description()))
                          .findFirst());
          out.println("run " + run.runId() + " created in experiment " + experiment);
          if (!await) {
            return 0;
          }
          KfpRun done =
              client.waitForRun(
                  run.runId(),
                  Duration.ofMinutes(timeoutMinutes),
                  Duration.ofSeconds(pollSeconds),
                  r -> out.println("run " + r.runId() + ": " + r.state()));
          return done.succeeded() ? 0 : CliSupport.FAILED;
        });
  }

  private byte[] pipelineYaml() throws java.io.IOException {
    if (pipelineFile == null) {
      return IrCompiler.compile(GradexPipeline.build()).toYaml().getBytes(StandardCharsets.UTF_8);
    }
    if (!Files.isReadable(pipelineFile)) {
      throw new IllegalArgumentException("--pipeline-file " + pipelineFile + " is not readable");
    }
    return Files.readAllBytes(pipelineFile);
  }

  private int publishResources(byte[] yaml, PrintWriter out) {
    String text = new String(yaml, StandardCharsets.UTF_8);
    String[] docs = text.split("\n---\n", 2);
    CompiledPipeline compiled =
        new CompiledPipeline(
            IrYaml.read(docs[0]), docs.length > 1 ? IrYaml.read(docs[1]) : null, "");
    try (KubernetesClient k8s = kubernetesClient.get()) {
      String explicit = connection.explicitNamespace();
      String ns = explicit != null ? explicit : k8s.getNamespace();
      PipelinePublisher.Published p =
          new PipelinePublisher(k8s, ns)
              .publish(pipelineName, "GradEx data-source selection", compiled);
      out.println(
          "pipeline "
              + p.pipeline()
              + " version "
              + p.version()
              + (p.versionCreated() ? " published" : " is current")
              + " in namespace "
              + ns);
    }
    return 0;
  }

  /**
   * Uploads a content-addressed version of the pipeline unless it exists already, creating the
   * pipeline first when needed (without a version of its own, so that every version, the first too,
   * is named by its content).
   */
  private KfpPipelineVersion upload(KfpClient client, byte[] yaml, PrintWriter out)
      throws Exception {
    String versionName = versionName(pipelineName, yaml);
    KfpPipeline pipeline = client.findPipeline(pipelineName).orElse(null);
    if (pipeline == null) {
      pipeline = client.createPipeline(pipelineName, "GradEx data-source selection");
      out.println("pipeline " + pipelineName + " created (" + pipeline.pipelineId() + ")");
    } else {
      for (KfpPipelineVersion v : client.listVersions(pipeline.pipelineId())) {
        if (versionName.equals(v.name())) {
          out.println("pipeline " + pipelineName + " version " + versionName + " is current");
          return v;
        }
      }
    }
    KfpPipelineVersion v = client.uploadVersion(pipeline.pipelineId(), versionName, yaml);
    out.println("pipeline " + pipelineName + " version " + versionName + " uploaded");
    return v;
  }

  /** {@code <pipeline>-<first 10 hex digits of the YAML's SHA-256>}. */
  static String versionName(String pipelineName, byte[] yaml) {
    return pipelineName + "-" + Sha256.of(yaml).substring(0, 10);
  }
}
