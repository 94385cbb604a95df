"""A KFP v2beta1 API stand-in that checks our Java client against the official generated client.

Every request is matched against the operations of kfp_server_api's API classes (path template,
method, query parameter names, multipart file field), and its JSON body is read into the
operation's body model (V2beta1Run, V2beta1Pipeline, ...) with unknown fields and enum values the
model does not define reported as problems. Responses are kfp_server_api model instances serialised
with ApiClient.sanitize_for_serialization; listings are paged (at most --page-size items however
many are asked for) with next_page_token, and errors have the bodies the KFP 2.17 API server
writes: a google.rpc.Status from gRPC-gateway endpoints, {error_message, error_details} from the
multipart upload endpoints.

Usage: python rest_checker.py [--page-size N] [--timeout SECONDS] [--max-requests N]
Prints "PORT=<port>" once it listens on 127.0.0.1. It stops after --timeout seconds, after
--max-requests requests, on POST /_checker/stop, or when its stdin closes (its parent died).
GET /_checker/log returns {"requests": [...], "problems": [...]} for the test to assert on.
"""

import argparse
import datetime
import inspect
import json
import re
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

import kfp_server_api
from kfp_server_api import models

API_CLIENT = kfp_server_api.ApiClient()
NOW = datetime.datetime(2026, 11, 24, 12, 0, 0, tzinfo=datetime.timezone.utc)


class Operation:
    """One operation of the generated client, read from its *_with_http_info method."""

    def __init__(self, name, path, method, query, body_param, body_type, files):
        self.name = name
        self.path = path
        self.method = method
        self.query = set(query)
        self.body_param = body_param
        self.body_type = body_type
        self.files = set(files)
        literal = re.split(r"\{[^}]+\}", path)
        self.params = re.findall(r"\{([^}]+)\}", path)
        self.regex = re.compile("^" + "([^/:]+)".join(re.escape(p) for p in literal) + "$")
        self.specificity = sum(len(p) for p in literal)

    def match(self, path):
        m = self.regex.match(path)
        return None if m is None else {k: unquote(v) for k, v in zip(self.params, m.groups())}


def operations():
    ops = []
    for _, cls in inspect.getmembers(kfp_server_api.api, inspect.isclass):
        for fname, fn in inspect.getmembers(cls, inspect.isfunction):
            if not fname.endswith("_with_http_info"):
                continue
            src = inspect.getsource(fn)
            call = re.search(r"call_api\(\s*'([^']+)',\s*'([A-Z]+)'", src)
            body = re.search(r"body_params = local_var_params\['(\w+)'\]", src)
            body_type = None
            if body:
                body_type = re.search(r":type %s: (\w+)" % body.group(1), src).group(1)
            ops.append(
                Operation(
                    fname[: -len("_with_http_info")],
                    call.group(1),
                    call.group(2),
                    re.findall(r"query_params\.append\(\('([^']+)'", src),
                    body.group(1) if body else None,
                    body_type,
                    re.findall(r"local_var_files\['(\w+)'\]", src),
                )
            )
    return sorted(ops, key=lambda o: -o.specificity)


def strict(value, type_name, where, problems):
    """Checks a JSON value against an openapi type of the generated models, field by field."""
    if value is None:
        return
    list_of = re.fullmatch(r"list\[(.+)\]", type_name)
    dict_of = re.fullmatch(r"dict\(str, (.+)\)", type_name)
    if list_of:
        if not isinstance(value, list):
            problems.append("%s: expected a list, got %r" % (where, value))
            return
        for i, item in enumerate(value):
            strict(item, list_of.group(1), "%s[%d]" % (where, i), problems)
    elif dict_of:
        if not isinstance(value, dict):
            problems.append("%s: expected an object, got %r" % (where, value))
            return
        for k, v in value.items():
            strict(v, dict_of.group(1), "%s.%s" % (where, k), problems)
    elif type_name in ("str", "datetime", "date"):
        if not isinstance(value, str):
            problems.append("%s: expected a string, got %r" % (where, value))
    elif type_name == "int":
        # proto3 JSON writes 64-bit integers as strings.
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.lstrip("-").isdigit())
        ):
            problems.append("%s: expected an integer, got %r" % (where, value))
    elif type_name == "bool":
        if not isinstance(value, bool):
            problems.append("%s: expected a boolean, got %r" % (where, value))
    elif type_name == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append("%s: expected a number, got %r" % (where, value))
    elif type_name == "object":
        pass
    else:
        klass = getattr(models, type_name)
        allowed = getattr(klass, "allowable_values", None)
        if not klass.openapi_types and allowed is not None:
            if value not in allowed:
                problems.append("%s: %r is not a %s (%s)" % (where, value, type_name, allowed))
            return
        if not isinstance(value, dict):
            problems.append("%s: expected a %s object, got %r" % (where, type_name, value))
            return
        by_json = {j: a for a, j in klass.attribute_map.items()}
        for key, v in value.items():
            if key not in by_json:
                problems.append("%s: unknown field %r (not in %s)" % (where, key, type_name))
            else:
                strict(v, klass.openapi_types[by_json[key]], "%s.%s" % (where, key), problems)


def to_model(data, type_name):
    """The body as the generated client would read it (its own deserialiser)."""
    return API_CLIENT._ApiClient__deserialize(data, type_name)


def rpc_status(code, internal, external):
    """A google.rpc.Status as KFP's gRPC-gateway writes it: the detail is a nested Status (an Any
    renders its message's fields inline beside "@type", which the ProtobufAny model cannot hold)."""
    body = API_CLIENT.sanitize_for_serialization(
        models.GoogleRpcStatus(code=code, message=internal, details=[])
    )
    body["details"] = [
        {"@type": "type.googleapis.com/google.rpc.Status", "code": code, "message": external}
    ]
    return body


def upload_error(message):
    """The body KFP's upload handler writes (v1beta1 api.Error; details are Go's %+v)."""
    return {
        "error_message": message,
        "error_details": message
        + "\ngithub.com/kubeflow/pipelines/backend/src/apiserver/server.init\n\t/go/src/server.go:1",
    }


class HttpError(Exception):
    def __init__(self, status, body):
        super().__init__(body)
        self.status = status
        self.body = body


def not_found(what):
    return HttpError(404, rpc_status(5, "NotFoundError: %s not found" % what, "%s not found" % what))


class FakeKfp:
    """Just enough state for the calls our client makes, held as kfp_server_api models."""

    RUN_STATES = ["PENDING", "RUNNING", "SUCCEEDED"]

    def __init__(self, page_size):
        self.page_size = page_size
        self.pipelines = {}
        self.versions = {}
        self.experiments = {}
        self.runs = {}
        self.recurring_runs = {}

    def handle(self, op, params, query, body, files):
        handler = getattr(self, op.name, None)
        if handler is None:
            raise HttpError(501, rpc_status(12, "rest_checker does not serve " + op.name, op.name))
        return handler(params, query, body, files)

    # Pipelines and versions.
    def pipeline_service_create_pipeline(self, params, query, body, files):
        if any(p.name == body.name for p in self.pipelines.values()):
            raise HttpError(409, rpc_status(6, "Already exist error: " + body.name, body.name))
        body.pipeline_id = str(uuid.uuid4())
        body.created_at = NOW
        self.pipelines[body.pipeline_id] = body
        return body

    def upload_pipeline(self, params, query, body, files):
        p = self.pipeline_service_create_pipeline(
            params,
            query,
            models.V2beta1Pipeline(
                name=query.get("name"),
                display_name=query.get("display_name"),
                namespace=query.get("namespace"),
            ),
            files,
        )
        self._add_version(p.pipeline_id, p.name, files)
        return p

    def upload_pipeline_version(self, params, query, body, files):
        if query.get("pipelineid") not in self.pipelines:
            raise HttpError(400, upload_error("Failed to create a pipeline version"))
        return self._add_version(query["pipelineid"], query.get("name"), files)

    def _add_version(self, pipeline_id, name, files):
        content = files.get("uploadfile", b"")
        if b"pipelineInfo" not in content:
            raise HttpError(400, upload_error("Failed to read a pipeline spec file"))
        v = models.V2beta1PipelineVersion(
            pipeline_id=pipeline_id,
            pipeline_version_id=str(uuid.uuid4()),
            name=name,
            display_name=name,
            created_at=NOW,
        )
        self.versions[v.pipeline_version_id] = v
        return v

    def pipeline_service_get_pipeline_by_name(self, params, query, body, files):
        for p in self.pipelines.values():
            if p.name == params["name"]:
                return p
        raise not_found("Pipeline " + params["name"])

    def pipeline_service_list_pipeline_versions(self, params, query, body, files):
        if params["pipeline_id"] not in self.pipelines:
            raise not_found("Pipeline " + params["pipeline_id"])
        items = [v for v in self.versions.values() if v.pipeline_id == params["pipeline_id"]]
        page, token = self._page(list(reversed(items)), query)
        return models.V2beta1ListPipelineVersionsResponse(
            pipeline_versions=page, next_page_token=token, total_size=len(items)
        )

    # Experiments.
    def experiment_service_create_experiment(self, params, query, body, files):
        body.experiment_id = str(uuid.uuid4())
        body.created_at = NOW
        body.storage_state = "AVAILABLE"
        self.experiments[body.experiment_id] = body
        return body

    def experiment_service_list_experiments(self, params, query, body, files):
        items = list(self.experiments.values())
        if "filter" in query:
            wanted = json.loads(query["filter"])["predicates"][0]["string_value"]
            items = [e for e in items if e.display_name == wanted]
        page, token = self._page(items, query)
        return models.V2beta1ListExperimentsResponse(
            experiments=page, next_page_token=token, total_size=len(items)
        )

    # Runs.
    def run_service_create_run(self, params, query, body, files):
        body.run_id = str(uuid.uuid4())
        body.created_at = NOW
        body.state = "PENDING"
        self.runs[body.run_id] = body
        return body

    def run_service_get_run(self, params, query, body, files):
        run = self._run(params)
        if run.state in self.RUN_STATES[:-1]:
            run.state = self.RUN_STATES[self.RUN_STATES.index(run.state) + 1]
            if run.state == "SUCCEEDED":
                run.finished_at = NOW
        return run

    def run_service_list_runs(self, params, query, body, files):
        items = list(reversed(list(self.runs.values())))
        if query.get("experiment_id"):
            items = [r for r in items if r.experiment_id == query["experiment_id"]]
        page, token = self._page(items, query)
        return models.V2beta1ListRunsResponse(runs=page, next_page_token=token, total_size=len(items))

    def run_service_terminate_run(self, params, query, body, files):
        self._run(params).state = "CANCELING"
        return {}

    def run_service_retry_run(self, params, query, body, files):
        run = self._run(params)
        if run.state not in ("FAILED", "CANCELED", "CANCELING"):
            raise HttpError(
                400,
                rpc_status(
                    9,
                    "Failed to retry run %s: run is in state %s" % (run.run_id, run.state),
                    "Run is not in a retryable state",
                ),
            )
        run.state = "RUNNING"
        return {}

    def run_service_delete_run(self, params, query, body, files):
        self._run(params)
        del self.runs[params["run_id"]]
        return {}

    # Recurring runs.
    def recurring_run_service_create_recurring_run(self, params, query, body, files):
        body.recurring_run_id = str(uuid.uuid4())
        body.created_at = body.updated_at = NOW
        body.status = "DISABLED" if body.mode == "DISABLE" else "ENABLED"
        self.recurring_runs[body.recurring_run_id] = body
        return body

    def recurring_run_service_list_recurring_runs(self, params, query, body, files):
        items = list(self.recurring_runs.values())
        page, token = self._page(items, query)
        return models.V2beta1ListRecurringRunsResponse(
            recurring_runs=page, next_page_token=token, total_size=len(items)
        )

    def _run(self, params):
        run = self.runs.get(params["run_id"])
        if run is None:
            raise not_found("Run " + params["run_id"])
        return run

    def _page(self, items, query):
        """At most self.page_size items, whatever page_size asked for; the token is an offset."""
        start = 0
        if query.get("page_token"):
            if not query["page_token"].startswith("offset-"):
                raise HttpError(400, rpc_status(3, "Invalid page token", "Invalid page token"))
            start = int(query["page_token"][len("offset-"):])
        size = min(int(query.get("page_size", 20)), self.page_size)
        end = start + size
        return items[start:end], ("offset-%d" % end if end < len(items) else None)


def multipart_files(content_type, body):
    m = re.search(r"boundary=([^;]+)", content_type or "")
    if not m:
        return None
    files = {}
    for part in body.split(b"--" + m.group(1).strip('"').encode())[1:-1]:
        head, _, content = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if name:
            files[name.group(1).decode()] = content[: -len(b"\r\n")]
    return files


class Checker:
    def __init__(self, page_size):
        self.ops = operations()
        self.kfp = FakeKfp(page_size)
        self.requests = []
        self.problems = []

    def check(self, method, raw_path, headers, body):
        """Returns (status, json body) and records the request with its problems."""
        url = urlsplit(raw_path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        record = {
            "method": method,
            "path": url.path,
            "query": query,
            "authorization": headers.get("Authorization"),
            "cookie": headers.get("Cookie"),
            "operation": None,
            "body": None,
        }
        problems = []
        try:
            op, params = self._operation(method, url.path, problems)
            record["operation"] = op.name
            unknown = set(query) - op.query
            if unknown:
                problems.append("%s: query parameters %s are not in the API" % (op.name, sorted(unknown)))
            model, files = self._body(op, headers.get("Content-Type"), body, record, problems)
            if problems:
                raise HttpError(400, rpc_status(3, "; ".join(problems), "rejected by rest_checker"))
            result = self.kfp.handle(op, params, query, model, files)
            return 200, API_CLIENT.sanitize_for_serialization(result)
        except HttpError as e:
            return e.status, e.body
        finally:
            self.problems.extend("%s %s: %s" % (method, url.path, p) for p in problems)
            record["problems"] = problems
            self.requests.append(record)

    def _operation(self, method, path, problems):
        matched = [(op, op.match(path)) for op in self.ops]
        matched = [(op, params) for op, params in matched if params is not None]
        for op, params in matched:
            if op.method == method:
                return op, params
        methods = sorted({op.method for op, _ in matched})
        problems.append("no operation %s %s in kfp_server_api (methods there: %s)" % (method, path, methods))
        raise HttpError(404 if not matched else 405, rpc_status(5, problems[-1], "Not Found"))

    def _body(self, op, content_type, body, record, problems):
        if op.files:
            files = multipart_files(content_type, body)
            if files is None or not set(files) <= op.files or not files:
                problems.append("%s: expects multipart fields %s" % (op.name, sorted(op.files)))
                return None, {}
            record["body"] = {k: len(v) for k, v in files.items()}
            return None, files
        if op.body_type is None:
            if body:
                problems.append("%s takes no body, got %d bytes" % (op.name, len(body)))
            return None, {}
        try:
            data = json.loads(body or b"null")
        except ValueError as e:
            problems.append("%s: body is not JSON: %s" % (op.name, e))
            return None, {}
        record["body"] = data
        if data is None:
            problems.append("%s: body %s is required" % (op.name, op.body_type))
            return None, {}
        strict(data, op.body_type, op.body_param, problems)
        try:
            return to_model(data, op.body_type), {}
        except (ValueError, TypeError) as e:
            problems.append("%s: kfp_server_api rejects the body: %s" % (op.name, e))
            return None, {}


def serve(args):
    checker = Checker(args.page_size)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        # Keep-alive as the real server (Go net/http) does: the JDK client pools connections.
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with lock:
                if self.path == "/_checker/log":
                    status, out = 200, {"requests": checker.requests, "problems": checker.problems}
                elif self.path == "/_checker/stop":
                    status, out = 200, {}
                    threading.Thread(target=server.shutdown, daemon=True).start()
                else:
                    status, out = checker.check(self.command, self.path, self.headers, body)
                    if len(checker.requests) >= args.max_requests:
                        threading.Thread(target=server.shutdown, daemon=True).start()
            data = json.dumps(out).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = do_PATCH = do_PUT = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    timer = threading.Timer(args.timeout, server.shutdown)
    timer.daemon = True
    timer.start()

    def stop_on_eof():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=stop_on_eof, daemon=True).start()
    print("PORT=%d" % server.server_address[1], flush=True)
    print(
        "rest_checker: kfp_server_api %s, %d operations" % (kfp_server_api.__version__, len(checker.ops)),
        file=sys.stderr,
        flush=True,
    )
    server.serve_forever()
    server.server_close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page-size", type=int, default=2, help="largest page served")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before it stops")
    parser.add_argument("--max-requests", type=int, default=5000)
    serve(parser.parse_args())


if __name__ == "__main__":
    main()
