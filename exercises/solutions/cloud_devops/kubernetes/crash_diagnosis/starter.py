"""A reference solution: read the evidence in the order that separates the causes.

1. Never scheduled: the scheduler says why (FailedScheduling).
2. Never started: the container waits on its image (ErrImagePull, ImagePullBackOff).
3. Started and died: the last termination's reason tells the kernel's OOM kill (OOMKilled) apart from everything
   else; exit code 137 alone only says SIGKILL, which the kubelet also sends when a container it is stopping (for
   a failed liveness probe, say) outlives its grace period. The kubelet's Killing event names the liveness probe.
   CrashLoopBackOff is only the restart back-off, whatever the cause.
4. Running, never restarted, not ready: the readiness probe fails.
"""

from __future__ import annotations

import re

CAUSES = {
    "unschedulable": "no node can take the pod (its requests do not fit, or constraints rule every node out)",
    "image-pull": "the node cannot pull the image (wrong name or tag, or no access to the registry)",
    "oom-killed": "the kernel killed the container for going over its memory limit",
    "liveness-failed": "the kubelet killed the container because its liveness probe kept failing",
    "app-exited": "the process exited by itself (a crash, or a startup error such as missing configuration)",
    "not-ready": "the container runs but fails its readiness probe, so it gets no traffic",
}

_WAITING = re.compile(r"State:\s+Waiting\s*\n\s+Reason:\s+(\S+)")
_LAST_TERMINATED = re.compile(r"Last State:\s+Terminated\s*\n\s+Reason:\s+(\S+)\s*\n\s+Exit Code:\s+(\d+)")


def events(describe: str) -> str:
    """The Events table (empty when the events have expired: the API server keeps them for an hour by default)."""
    _, _, table = describe.partition("\nEvents:")
    return table


def diagnose(describe: str) -> str:
    if "FailedScheduling" in events(describe):
        return "unschedulable"
    waiting = _WAITING.search(describe)
    if waiting and waiting.group(1) in {"ErrImagePull", "ImagePullBackOff"}:
        return "image-pull"
    last = _LAST_TERMINATED.search(describe)
    if last:
        reason, _exit_code = last.groups()
        if reason == "OOMKilled":
            return "oom-killed"
        if "failed liveness probe, will be restarted" in events(describe):
            return "liveness-failed"
        return "app-exited"
    if "Readiness probe failed" in events(describe):
        return "not-ready"
    raise ValueError("no evidence of a known cause: read the events and `kubectl logs` yourself")
