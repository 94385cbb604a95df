// psa-check evaluates every pod template in Kubernetes YAML files against a Pod Security Standard
// with the Kubernetes project's own Pod Security Admission library (k8s.io/pod-security-admission,
// the code the API server runs), as a namespace labelled pod-security.kubernetes.io/enforce would.
//
// Usage: psa-check LEVEL FILE...   (LEVEL: baseline or restricted; FILE may hold many documents)
// Prints "allowed Kind/name" or "forbidden Kind/name: reason: detail; ..." per pod template; exits
// 1 when any is forbidden, 2 on bad input.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	"sigs.k8s.io/yaml"
)

type podTemplate struct {
	name string
	meta *metav1.ObjectMeta
	spec *corev1.PodSpec
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: psa-check LEVEL FILE...")
		os.Exit(2)
	}
	level, err := psaapi.ParseLevel(os.Args[1])
	if err != nil {
		fail(err)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		fail(err)
	}
	lv := psaapi.LevelVersion{Level: level, Version: psaapi.LatestVersion()}
	forbidden := 0
	for _, file := range os.Args[2:] {
		templates, err := read(file)
		if err != nil {
			fail(fmt.Errorf("%s: %w", file, err))
		}
		for _, t := range templates {
			var reasons []string
			for _, r := range evaluator.EvaluatePod(lv, t.meta, t.spec) {
				if !r.Allowed {
					reasons = append(reasons, r.ForbiddenReason+": "+r.ForbiddenDetail)
				}
			}
			if len(reasons) == 0 {
				fmt.Printf("allowed %s\n", t.name)
			} else {
				forbidden++
				fmt.Printf("forbidden %s: %s\n", t.name, strings.Join(reasons, "; "))
			}
		}
	}
	if forbidden > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "psa-check:", err)
	os.Exit(2)
}

// read returns the pod templates of every CronJob, Job, Deployment, StatefulSet, DaemonSet and Pod.
func read(file string) ([]podTemplate, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []podTemplate
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var head struct {
			Kind     string            `json:"kind"`
			Metadata metav1.ObjectMeta `json:"metadata"`
		}
		if err := yaml.Unmarshal(doc, &head); err != nil {
			return nil, err
		}
		name := head.Kind + "/" + head.Metadata.Name
		switch head.Kind {
		case "CronJob":
			var o batchv1.CronJob
			err = yaml.UnmarshalStrict(doc, &o)
			t := &o.Spec.JobTemplate.Spec.Template
			out = append(out, podTemplate{name, &t.ObjectMeta, &t.Spec})
		case "Job":
			var o batchv1.Job
			err = yaml.UnmarshalStrict(doc, &o)
			out = append(out, podTemplate{name, &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec})
		case "Deployment":
			var o appsv1.Deployment
			err = yaml.UnmarshalStrict(doc, &o)
			out = append(out, podTemplate{name, &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec})
		case "StatefulSet":
			var o appsv1.StatefulSet
			err = yaml.UnmarshalStrict(doc, &o)
			out = append(out, podTemplate{name, &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec})
		case "DaemonSet":
			var o appsv1.DaemonSet
			err = yaml.UnmarshalStrict(doc, &o)
			out = append(out, podTemplate{name, &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec})
		case "Pod":
			var o corev1.Pod
			err = yaml.UnmarshalStrict(doc, &o)
			out = append(out, podTemplate{name, &o.ObjectMeta, &o.Spec})
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}
