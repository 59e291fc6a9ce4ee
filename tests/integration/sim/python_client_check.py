#!/usr/bin/python3
"""The official Kubernetes Python client (Debian's python3-kubernetes) against the simulator.

Usage: python_client_check.py KUBECONFIG
Each check prints "ok NAME" or "FAIL NAME: why"; the exit code is the number of failures. The client
deserializes every answer into its typed models and refuses objects that lack fields the API marks
required, so a check passing means the simulator's objects are complete as well as reachable.
"""
import sys
from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
core = client.CoreV1Api()
apps = client.AppsV1Api()
failures = 0


def check(name, fn):
    global failures
    try:
        result = fn()
        if result is False:
            raise AssertionError("returned False")
        print(f"ok {name}", flush=True)
    except Exception as e:  # every failure is reported, the run goes on
        failures += 1
        text = str(e).replace("\n", " ")[:500]
        print(f"FAIL {name}: {type(e).__name__}: {text}", flush=True)


def first_pod(ns="demo"):
    return core.list_namespaced_pod(ns).items[0]


check("version (GET /version/)", lambda: client.VersionApi().get_code().git_version.startswith("v1."))
check("core api versions", lambda: "v1" in client.CoreApi().get_api_versions().versions)
check("api groups", lambda: any(g.name == "apps" for g in client.ApisApi().get_api_versions().groups))
check("core resources", lambda: any(r.name == "pods" for r in core.get_api_resources().resources))
check("nodes: every NodeSystemInfo field", lambda: all(
    n.status.node_info.boot_id and n.status.node_info.machine_id and n.status.node_info.system_uuid
    for n in core.list_node().items))
check("read node", lambda: core.read_node(core.list_node().items[0].metadata.name).status.node_info.kubelet_version)
check("namespaces", lambda: any(n.metadata.name == "demo" for n in core.list_namespace().items))
check("pods in all namespaces", lambda: len(core.list_pod_for_all_namespaces().items) > 0)
check("pods: list metadata", lambda: core.list_namespaced_pod("demo").metadata.resource_version)
check("read pod", lambda: core.read_namespaced_pod(first_pod().metadata.name, "demo").spec.containers)
check("pod log", lambda: isinstance(core.read_namespaced_pod_log(first_pod().metadata.name, "demo", tail_lines=5), str))
check("label selector", lambda: all(
    p.metadata.labels.get("app") == "api-gateway"
    for p in core.list_namespaced_pod("demo", label_selector="app=api-gateway").items))
check("field selector", lambda: all(
    p.status.phase == "Running"
    for p in core.list_pod_for_all_namespaces(field_selector="status.phase=Running").items))


def paged():
    everything = {p.metadata.name for p in core.list_pod_for_all_namespaces().items}
    seen, token = set(), None
    while True:
        page = core.list_pod_for_all_namespaces(limit=2, _continue=token)
        seen |= {p.metadata.name for p in page.items}
        token = page.metadata._continue
        if not token:
            return seen == everything


check("pages with limit and continue", paged)
check("deployments", lambda: len(apps.list_namespaced_deployment("demo").items) > 0)
check("read deployment status", lambda: apps.read_namespaced_deployment_status("api-gateway", "demo").status)
check("replica sets", lambda: len(apps.list_namespaced_replica_set("demo").items) > 0)
check("stateful sets", lambda: apps.list_stateful_set_for_all_namespaces().items is not None)
check("daemon sets", lambda: apps.list_daemon_set_for_all_namespaces().items is not None)
check("services", lambda: len(core.list_namespaced_service("demo").items) > 0)
check("endpoints", lambda: core.list_namespaced_endpoints("demo").items is not None)
check("events", lambda: all(e.involved_object for e in core.list_namespaced_event("demo").items))
check("config maps", lambda: core.list_namespaced_config_map("demo").items is not None)
check("secrets", lambda: core.list_namespaced_secret("demo").items is not None)
check("service accounts", lambda: any(
    s.metadata.name == "default" for s in core.list_namespaced_service_account("demo").items))
check("ingresses", lambda: client.NetworkingV1Api().list_ingress_for_all_namespaces().items is not None)
check("scale a deployment", lambda: apps.patch_namespaced_deployment_scale(
    "api-gateway", "demo", {"spec": {"replicas": 3}}).spec.replicas == 3)
check("create and delete a config map", lambda: (
    core.create_namespaced_config_map("demo", {"metadata": {"name": "py-check"}, "data": {"a": "b"}})
    and core.delete_namespaced_config_map("py-check", "demo") is not None))


def watch_initial_state():
    # watch=True without a resourceVersion: first the state, as ADDED events.
    names = {p.metadata.name for p in core.list_namespaced_pod("demo").items}
    added = set()
    w = watch.Watch()
    for ev in w.stream(core.list_namespaced_pod, "demo", timeout_seconds=5):
        if ev["type"] == "ADDED":
            added.add(ev["object"].metadata.name)
        if names <= added:
            w.stop()
    return names <= added


def watch_from_list():
    # A watch from a list's resourceVersion delivers every change made after the list, also one made
    # before the watch request arrived, and replays nothing the list already held.
    listed = core.list_namespaced_pod("demo")
    pod = listed.items[0].metadata.name
    core.patch_namespaced_pod(pod, "demo", {"metadata": {"labels": {"checked-by": "python"}}})
    w = watch.Watch()
    found = False
    for ev in w.stream(core.list_namespaced_pod, "demo", resource_version=listed.metadata.resource_version,
                       timeout_seconds=10):
        obj = ev["object"]
        if ev["type"] == "ADDED" and obj.metadata.name in {p.metadata.name for p in listed.items}:
            raise AssertionError(f"a watch from the list's version replayed {obj.metadata.name}")
        if ev["type"] == "MODIFIED" and obj.metadata.name == pod and \
                (obj.metadata.labels or {}).get("checked-by") == "python":
            found = True
            w.stop()
    return found


check("watch=True from the initial state", watch_initial_state)
check("watch from a list's resourceVersion", watch_from_list)
sys.exit(failures)
