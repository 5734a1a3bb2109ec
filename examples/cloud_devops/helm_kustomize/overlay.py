"""A small Kustomize: resources, patches (strategic merge and JSON 6902), namespace, labels and images.

It implements only the fields this lesson's overlays use, with the rules Kustomize documents for them, and its
tests compare its output with what `kubectl kustomize` (Kustomize v5.5.0) rendered for the same folders. It is a
model for learning how overlays compose, not a replacement: the real tool also has generators, components,
replacements, name prefixes that update references, and the full Kubernetes schema for merge keys.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Doc = dict[str, Any]

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume"}

# --8<-- [start:merge-keys]
# Lists of objects that strategic merge combines item by item, keyed by one field. The real merge reads these
# from the Kubernetes OpenAPI schema (x-kubernetes-patch-merge-key); a list not listed here is replaced whole.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "imagePullSecrets": "name",
}
PORT_KEYS = ("containerPort", "port")  # container ports merge by containerPort, Service ports by port
# --8<-- [end:merge-keys]


def load_documents(path: Path) -> list[Doc]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


# --8<-- [start:build]
def build(directory: Path) -> list[Doc]:
    """Render a kustomization folder, in the order Kustomize applies its built-in transformers."""
    spec = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    docs: list[Doc] = []
    for entry in spec.get("resources", []):
        path = directory / entry
        docs.extend(build(path) if path.is_dir() else load_documents(path))  # a base is just another folder
    for patch in spec.get("patches", []):
        docs = apply_patch(docs, patch, directory)
    if "namespace" in spec:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc["metadata"]["namespace"] = spec["namespace"]
    if "commonLabels" in spec:  # deprecated: it also rewrites selectors, which are immutable on a Deployment
        add_labels(docs, spec["commonLabels"], selectors=True, templates=True)
    for entry in spec.get("labels", []):
        selectors = entry.get("includeSelectors", False)
        add_labels(
            docs, entry["pairs"], selectors=selectors, templates=selectors or entry.get("includeTemplates", False)
        )
    for image in spec.get("images", []):
        set_image(docs, image)
    return docs


# --8<-- [end:build]


def apply_patch(docs: list[Doc], entry: Doc, directory: Path) -> list[Doc]:
    text = (directory / entry["path"]).read_text(encoding="utf-8") if "path" in entry else entry["patch"]
    patch = yaml.safe_load(text)
    if isinstance(patch, list):  # a list of operations is a JSON patch, which cannot name its own target
        if "target" not in entry:
            raise ValueError("a JSON 6902 patch needs a target")
        return [json6902(doc, patch) if matches(doc, entry["target"]) else doc for doc in docs]
    target = entry.get("target") or {"kind": patch["kind"], "name": patch["metadata"]["name"]}
    found = [doc for doc in docs if matches(doc, target)]
    if not found:
        raise ValueError(f"the patch matches no resource: {target}")  # Kustomize fails too, which catches typos
    return [strategic_merge(doc, patch) if matches(doc, target) else doc for doc in docs]


def matches(doc: Doc, target: Doc) -> bool:
    name = doc["metadata"]["name"]
    return doc["kind"] == target.get("kind", doc["kind"]) and name == target.get("name", name)


# --8<-- [start:strategic-merge]
def strategic_merge(original: Any, patch: Any, field: str = "") -> Any:
    """Merge `patch` into `original` the way a strategic merge patch does, for the fields this model knows.

    Maps merge key by key; a null deletes the key; a list of objects with a merge key merges item by item
    (`$patch: delete` removes an item); any other list, and every scalar, is replaced by the patch's."""
    if isinstance(original, dict) and isinstance(patch, dict):
        if patch.get("$patch") == "replace":
            return without_directives(patch)
        merged = copy.deepcopy(original)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = strategic_merge(merged[key], value, key)
            else:
                merged[key] = without_directives(value)
        return merged
    key = merge_key(field, patch)
    if isinstance(original, list) and isinstance(patch, list) and key:
        return merge_list(original, patch, key)
    return without_directives(patch)


def merge_list(original: list[Doc], patch: list[Doc], key: str) -> list[Doc]:
    """Kustomize's order: the patch's items first (merged with the original item of the same key), then the
    original items the patch does not mention, in their original order."""
    by_key = {item[key]: item for item in original}
    mentioned = {item[key] for item in patch}
    merged = [
        strategic_merge(by_key[item[key]], item) if item[key] in by_key else without_directives(item)
        for item in patch
        if item.get("$patch") != "delete"
    ]
    return merged + [item for item in original if item[key] not in mentioned]


# --8<-- [end:strategic-merge]


def merge_key(field: str, items: Any) -> str | None:
    if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
        return None
    if field == "ports":
        return next((key for key in PORT_KEYS if all(key in item for item in items)), None)
    return MERGE_KEYS.get(field)


def without_directives(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_directives(v) for k, v in value.items() if not k.startswith("$patch")}
    if isinstance(value, list):
        return [without_directives(item) for item in value]
    return value


# --8<-- [start:json6902]
def json6902(doc: Doc, operations: list[Doc]) -> Doc:
    """RFC 6902 add, replace and remove. Paths are JSON pointers (RFC 6901): `/` inside a key is written `~1`."""
    doc = copy.deepcopy(doc)
    for operation in operations:
        *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in operation["path"].split("/")[1:]]
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if operation["op"] == "add" and isinstance(node, list):
            node.insert(len(node) if last == "-" else int(last), operation["value"])
        elif operation["op"] == "add" or (operation["op"] == "replace" and last in node):
            node[last] = operation["value"]
        elif operation["op"] == "remove":
            del node[int(last) if isinstance(node, list) else last]
        else:
            raise ValueError(f"unsupported or failing operation: {operation}")
    return doc


# --8<-- [end:json6902]


def add_labels(docs: list[Doc], pairs: dict[str, str], *, selectors: bool, templates: bool) -> None:
    for doc in docs:
        doc["metadata"].setdefault("labels", {}).update(pairs)
        spec = doc.get("spec", {})
        if templates and "template" in spec:
            spec["template"].setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        if selectors and doc["kind"] == "Service":
            spec.setdefault("selector", {}).update(pairs)
        elif selectors and "selector" in spec:
            spec["selector"].setdefault("matchLabels", {}).update(pairs)


def set_image(docs: list[Doc], image: Doc) -> None:
    """Replace the name, tag or digest of every container image whose name (without tag) matches."""
    for doc in docs:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            name, tag = split_image(container["image"])
            if name != image["name"]:
                continue
            new_name = image.get("newName", name)
            if "digest" in image:
                container["image"] = f"{new_name}@{image['digest']}"
            else:
                new_tag = image.get("newTag", tag)
                container["image"] = f"{new_name}:{new_tag}" if new_tag else new_name


def split_image(reference: str) -> tuple[str, str | None]:
    """`registry:5000/shop:1.2` -> (`registry:5000/shop`, `1.2`): a tag follows the last colon after the last
    slash; a registry's port does not count. A digest (`@sha256:...`) is dropped with the tag."""
    name = reference.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    if ":" in last:
        last, tag = last.split(":", 1)
        return (f"{head}/{last}" if head else last), tag
    return name, None
