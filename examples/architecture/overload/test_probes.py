"""A liveness probe that waits behind requests turns the loss of one pod into a crash loop; a separate one does not."""

from __future__ import annotations

from examples.architecture.overload.probes import Fleet, Probe, Tick, simulate


def steady(_now: int) -> int:
    return 420  # 84% of five pods' capacity of 500


def served(history: list[Tick], first: int, last: int) -> float:
    return sum(tick.served for tick in history[first:last]) / (last - first)


# --8<-- [start:probes]
def test_on_a_normal_day_both_probes_look_fine():
    for probe in Probe:
        history = simulate(steady, ticks=200, probe=probe)
        assert sum(tick.restarts for tick in history) == 0
        assert served(history, 0, 200) == 420


def test_a_probe_that_waits_behind_requests_turns_one_lost_pod_into_a_crash_loop():
    history = simulate(steady, ticks=200, probe=Probe.THROUGH_THE_QUEUE, lose_pod_at=20)
    # Four pods get 105 each, over their 100: their probes time out, and the kubelet restarts all four.
    assert history[22].restarts == 4
    # The pods come back cold, get the whole load, fail their probes again, and so on: long after the
    # lost pod is back, the service still answers under half of what it did before.
    assert sum(tick.restarts for tick in history[100:200]) > 0
    assert served(history, 100, 200) < 0.4 * 420


def test_a_probe_on_its_own_path_lets_the_pods_shed_the_excess_and_recover():
    history = simulate(steady, ticks=200, probe=Probe.SEPARATE_PATH, lose_pod_at=20)
    assert sum(tick.restarts for tick in history) == 0
    assert min(tick.served for tick in history) >= 380  # only the lost pod's work was missing, for a while
    assert served(history, 40, 200) == 420  # and once it warmed up, nothing at all


def test_spare_capacity_hides_the_bad_probe_but_does_not_fix_it():
    history = simulate(steady, ticks=200, probe=Probe.THROUGH_THE_QUEUE, fleet=Fleet(pods=6), lose_pod_at=20)
    assert min(tick.served for tick in history) >= 400  # five warm pods carry the load: users barely notice
    # But the pod that comes back is cold (50) and gets a full share (70): its probe fails, it is restarted
    # before it can warm up, and it never rejoins the fleet.
    assert sum(tick.restarts for tick in history[100:200]) > 0


# --8<-- [end:probes]
