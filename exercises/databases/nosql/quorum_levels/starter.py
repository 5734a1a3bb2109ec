"""Exercise: customers who see their old address after changing it.

Symptom: the profile service keeps five replicas of every row (N = 5) and reads and writes at ONE, for speed.
Since the launch, some customers save a new address, reload, and see the old one. The team's constraints for
the new settings:
  - a read must always see the latest acknowledged write;
  - reads and writes must keep working while any one replica is down (a rolling restart);
  - the profile page is read-heavy: a read may wait for the two fastest replicas at most.

Diagnose it with the check (`make exercise ID=databases/nosql/quorum_levels`): it writes to the fewest
replicas your setting allows (the slowest ones, the worst case), reads back, takes replicas down one at a
time, and times the reads. Then choose the two numbers. The lesson's `Cluster` model runs the scenarios.
"""

N = 5
WRITE_REPLICAS = 1  # W: acknowledgements a write waits for
READ_REPLICAS = 1  # R: replicas a read asks, keeping the newest answer
