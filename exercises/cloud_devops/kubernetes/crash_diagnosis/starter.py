"""Exercise: the on-call triage script that blames the wrong thing
(make exercise ID=cloud_devops/kubernetes/crash_diagnosis).

Symptom: the team's triage bot reads `kubectl describe pod` and posts a first diagnosis in the incident channel.
Last week it called a pod that the kubelet restarted for failing its liveness probe "oom-killed", so the on-call
engineer raised the memory limit and the restarts went on. It also called an OOM-killed pod in CrashLoopBackOff
"app-exited", and a pod that was never restarted "liveness-failed".
Diagnose: the recordings in `recorded/` are real-format `kubectl describe pod` outputs from the deploy lab; run
the check to see which the bot gets wrong, then read each recording's container state, Last State and events.
Fix: make `diagnose` name the cause from the evidence that proves it, not from the first keyword it meets.
Verify: the check runs `diagnose` on every recording.
"""

from __future__ import annotations

import re

# The causes the bot may report, and what each means.
CAUSES = {
    "unschedulable": "no node can take the pod (its requests do not fit, or constraints rule every node out)",
    "image-pull": "the node cannot pull the image (wrong name or tag, or no access to the registry)",
    "oom-killed": "the kernel killed the container for going over its memory limit",
    "liveness-failed": "the kubelet killed the container because its liveness probe kept failing",
    "app-exited": "the process exited by itself (a crash, or a startup error such as missing configuration)",
    "not-ready": "the container runs but fails its readiness probe, so it gets no traffic",
}


def diagnose(describe: str) -> str:
    """The cause (a key of CAUSES) of a pod's trouble, from the text of `kubectl describe pod`."""
    if "FailedScheduling" in describe:
        return "unschedulable"
    if "ImagePullBackOff" in describe or "ErrImagePull" in describe:
        return "image-pull"
    if "CrashLoopBackOff" in describe:
        return "app-exited"
    if re.search(r"Exit Code:\s+137", describe):
        return "oom-killed"
    if "probe failed" in describe:
        return "liveness-failed"
    return "not-ready"
