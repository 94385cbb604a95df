/**
 * A client for the Kubeflow Pipelines REST API v2beta1 (pipelines, versions, experiments, runs,
 * recurring runs) on the JDK HttpClient and Jackson. Requests are checked before they are sent (a
 * cron must carry KFP's leading seconds field; required fields; ranges) so that a violation is
 * reported with the field's name instead of as a server error. Depends on the JDK and Jackson only.
 */
package dev.gradex.kfp.rest;
