package template

// GradEx check harness (not part of KFP; see tests/kfp-backend/README.md): what the real KFP
// 2.17.0 API server's Argo compiler puts around every GradEx step when a run is created from the
// compiled pipeline (each file in GRADEX_YAMLS): the pod's seccomp profile RuntimeDefault and, on
// every container of the executor template (launcher init container and the step's container),
// allowPrivilegeEscalation false and every capability dropped. It also records that no template
// has a read-only root filesystem: the IR cannot ask for one.

import (
	"os"
	"strings"
	"testing"

	"github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	"github.com/kubeflow/pipelines/backend/src/apiserver/config/proxy"
	"github.com/kubeflow/pipelines/backend/src/apiserver/model"
	k8score "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

func gradexHardened(t *testing.T, where string, sc *k8score.SecurityContext) {
	switch {
	case sc == nil:
		t.Errorf("%s: no securityContext", where)
	case sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation:
		t.Errorf("%s: securityContext.allowPrivilegeEscalation = %v, want false", where, sc.AllowPrivilegeEscalation)
	case sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL":
		t.Errorf("%s: securityContext.capabilities = %v, want drop [ALL]", where, sc.Capabilities)
	case sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem:
		t.Logf("%s: read-only root filesystem set (not expected from the IR)", where)
	}
}

func TestGradexExecutorTemplatesHardened(t *testing.T) {
	proxy.InitializeConfigWithEmptyForTests()
	for _, path := range strings.Split(os.Getenv("GRADEX_YAMLS"), ",") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := New(b, TemplateOptions{})
		if err != nil {
			t.Fatalf("%s: upload rejected: %v", path, err)
		}
		run := &model.Run{DisplayName: "r", Namespace: "kubeflow-user"}
		run.RuntimeConfig.Parameters = model.LargeText(`{}`)
		run.RuntimeConfig.PipelineRoot = "minio://mlpipeline/v2/artifacts"
		spec, err := tmpl.RunWorkflow(run, RunWorkflowOptions{RunID: "run-1", RunAt: 1})
		if err != nil {
			t.Fatalf("%s: run creation fails: %v", path, err)
		}
		wf := &v1alpha1.Workflow{}
		if err := yaml.Unmarshal([]byte(spec.ToStringForStore()), wf); err != nil {
			t.Fatal(err)
		}
		executors := 0
		for _, tpl := range wf.Spec.Templates {
			if tpl.Container == nil || tpl.PodSpecPatch == "" {
				continue // DAGs and the driver templates
			}
			executors++
			where := path + " template " + tpl.Name
			if tpl.SecurityContext == nil || tpl.SecurityContext.SeccompProfile == nil ||
				tpl.SecurityContext.SeccompProfile.Type != k8score.SeccompProfileTypeRuntimeDefault {
				t.Errorf("%s: pod securityContext.seccompProfile = %v, want RuntimeDefault", where, tpl.SecurityContext)
			}
			gradexHardened(t, where+" container "+tpl.Container.Name, tpl.Container.SecurityContext)
			for _, c := range tpl.InitContainers {
				gradexHardened(t, where+" initContainer "+c.Name, c.SecurityContext)
			}
			t.Logf("%s: seccomp %s; main container allowPrivilegeEscalation=%v drop=%v readOnlyRootFilesystem=%v; %d init containers",
				where, tpl.SecurityContext.SeccompProfile.Type, *tpl.Container.SecurityContext.AllowPrivilegeEscalation,
				tpl.Container.SecurityContext.Capabilities.Drop, tpl.Container.SecurityContext.ReadOnlyRootFilesystem, len(tpl.InitContainers))
		}
		if executors == 0 {
			t.Errorf("%s: no executor template found", path)
		}
	}
}
