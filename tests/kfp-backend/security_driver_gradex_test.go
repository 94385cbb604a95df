package driver

// GradEx check harness (not part of KFP; see tests/kfp-backend/README.md): the pod spec the real
// KFP 2.17.0 driver builds for every container step of the compiled pipeline carries the
// pipeline's securityContext (non-root uid/gid 65532) and the /tmp emptyDir, and every capability
// is dropped. Fixtures: GRADEX_FIXTURES/NAME-spec.json and NAME-platform.json for each NAME in
// GRADEX_SECURITY_SPECS (default "java,java-full"), written by the backend-check's to_fixtures.py.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubeflow/pipelines/api/v2alpha1/go/pipelinespec"
	"github.com/kubeflow/pipelines/backend/src/apiserver/config/proxy"
	"github.com/kubeflow/pipelines/kubernetes_platform/go/kubernetesplatform"
	"github.com/spf13/viper"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

var gradexSecuritySteps = []string{"meta-train", "extract-gradients", "merge-stores", "estimate-subsets", "fine-tune", "promote"}

func gradexSecurityFixture(t *testing.T, name, kind string, into proto.Message) {
	b, err := os.ReadFile(filepath.Join(os.Getenv("GRADEX_FIXTURES"), name+"-"+kind+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := protojson.Unmarshal(b, into); err != nil {
		t.Fatalf("%s %s: strict protojson rejects it: %v", name, kind, err)
	}
}

func TestGradexSecurityContextAndTmp(t *testing.T) {
	viper.Set("KFP_POD_NAME", "MyWorkflowPod")
	viper.Set("KFP_POD_UID", "a1b2c3d4-a1b2-a1b2-a1b2-a1b2c3d4e5f6")
	proxy.InitializeConfigWithEmptyForTests()
	names := os.Getenv("GRADEX_SECURITY_SPECS")
	if names == "" {
		names = "java,java-full"
	}
	for _, n := range strings.Split(names, ",") {
		spec := &pipelinespec.PipelineSpec{}
		gradexSecurityFixture(t, n, "spec", spec)
		plat := &pipelinespec.PlatformSpec{}
		gradexSecurityFixture(t, n, "platform", plat)
		depJSON, _ := protojson.Marshal(spec.GetDeploymentSpec())
		dep := &pipelinespec.PipelineDeploymentConfig{}
		if err := protojson.Unmarshal(depJSON, dep); err != nil {
			t.Fatal(err)
		}
		for _, task := range gradexSecuritySteps {
			ex := dep.GetExecutors()["exec-"+task].GetContainer()
			comp := spec.GetComponents()["comp-"+task]
			ei := &pipelinespec.ExecutorInput{Inputs: &pipelinespec.ExecutorInput_Inputs{ParameterValues: map[string]*structpb.Value{}, Artifacts: map[string]*pipelinespec.ArtifactList{}},
				Outputs: &pipelinespec.ExecutorInput_Outputs{Artifacts: map[string]*pipelinespec.ArtifactList{}, OutputFile: "/tmp/kfp_outputs/output_metadata.json"}}
			for pn, ps := range comp.GetInputDefinitions().GetParameters() {
				if ps.GetParameterType() == pipelinespec.ParameterType_STRING {
					ei.Inputs.ParameterValues[pn] = structpb.NewStringValue("")
				} else {
					ei.Inputs.ParameterValues[pn] = structpb.NewNumberValue(1)
				}
			}
			pod, err := initPodSpecPatch(ex, comp, ei, 7, "gradex", "run-1", "run-name", "1", "false", "false",
				&TaskConfig{}, false, false, "", "ml-pipeline.kubeflow", "8887", "metadata-grpc-service.kubeflow", "8080", map[string]string{})
			if err != nil {
				t.Fatalf("%s %s initPodSpecPatch: %v", n, task, err)
			}
			k8sStruct := plat.GetPlatforms()["kubernetes"].GetDeploymentSpec().GetExecutors()["exec-"+task]
			if k8sStruct == nil {
				t.Errorf("[%s] %s: no Kubernetes executor config", n, task)
				continue
			}
			cfg := &kubernetesplatform.KubernetesExecutorConfig{}
			b, _ := protojson.Marshal(k8sStruct)
			if err := protojson.Unmarshal(b, cfg); err != nil {
				t.Fatalf("[%s] %s KubernetesExecutorConfig (strict): %v", n, task, err)
			}
			if err := extendPodSpecPatch(context.Background(), pod, Options{KubernetesExecutorConfig: cfg, Component: comp}, nil, nil, nil, map[string]*structpb.Value{}, &TaskConfig{}); err != nil {
				t.Fatalf("[%s] %s extendPodSpecPatch: %v", n, task, err)
			}
			c := pod.Containers[0]
			sc := c.SecurityContext
			ok := false
			switch {
			case sc == nil:
				t.Errorf("[%s] %s: container securityContext missing", n, task)
			case sc.RunAsUser == nil || *sc.RunAsUser != 65532:
				t.Errorf("[%s] %s: securityContext.runAsUser = %v, want 65532", n, task, sc.RunAsUser)
			case sc.RunAsGroup == nil || *sc.RunAsGroup != 65532:
				t.Errorf("[%s] %s: securityContext.runAsGroup = %v, want 65532", n, task, sc.RunAsGroup)
			case sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot:
				t.Errorf("[%s] %s: securityContext.runAsNonRoot = %v, want true", n, task, sc.RunAsNonRoot)
			case sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL":
				t.Errorf("[%s] %s: securityContext.capabilities = %v, want drop [ALL]", n, task, sc.Capabilities)
			default:
				ok = true
			}
			tmp := ""
			for _, m := range c.VolumeMounts {
				if m.MountPath == "/tmp" {
					tmp = m.Name
				}
			}
			emptyDir := false
			for _, v := range pod.Volumes {
				if v.Name == tmp && v.EmptyDir != nil {
					emptyDir = true
				}
			}
			if tmp == "" || !emptyDir {
				t.Errorf("[%s] %s: no emptyDir mounted at /tmp (mounts %v)", n, task, c.VolumeMounts)
			} else if ok {
				t.Logf("[%s] %s: runAs %d:%d nonRoot=%v drop=%v, /tmp <- emptyDir %s", n, task,
					*sc.RunAsUser, *sc.RunAsGroup, *sc.RunAsNonRoot, sc.Capabilities.Drop, tmp)
			}
		}
	}
}
