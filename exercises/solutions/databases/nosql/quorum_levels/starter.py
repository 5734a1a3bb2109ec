"""Reference solution: R + W > N for fresh reads, W <= N - 1 and R <= N - 1 to survive a replica down, and the
smallest R the rest allows, because the page is read-heavy.

With N = 5: R = 2 needs W >= 4; W = 4 still leaves one replica free to be down. R = 1 would need W = 5, which
fails the moment a replica restarts; R = 3 and W = 3 also work but make every read wait for a third replica.
"""

N = 5
WRITE_REPLICAS = 4
READ_REPLICAS = 2
