"""How cheap can any orchestration be at the seed's p95 latency, under lake simulate's own model?

The model (README, "Simulating the deployed lake"): job runs last 3-30 minutes whatever their input, one run
at a time per job, each object waits for the first run that starts after it landed. This script gives the
orchestration every advantage — crawls and Lambda free, runs started on a perfectly even schedule — and
prints, per gap between run starts, the p95 latency and the cost of the job runs alone against the seed.

    python3 docs/cost_bound.py [--seed-cost 45.47] [--workers 2] [--dpu-hour 0.44]
"""
import argparse
import bisect
import random


def even_schedule(gap_min, days, rnd):
    """Run starts every gap_min minutes, or when the previous run ends if it is still going."""
    runs, t = [], 0.0
    while t < days * 1440:
        duration = rnd.uniform(3, 30)
        runs.append((t, duration))
        t += max(gap_min, duration)
    return runs


def measure(gap_min, workers, dpu_hour, days=30, objects=200_000, seed=1):
    rnd = random.Random(seed)
    runs = even_schedule(gap_min, days, rnd)
    starts = [s for s, _ in runs]
    latencies = []
    for _ in range(objects):
        landed = rnd.uniform(0, starts[-2])
        start, duration = runs[bisect.bisect_right(starts, landed)]
        latencies.append((start + duration - landed) * 60)
    latencies.sort()
    cost_per_day = sum(d / 60 * workers * dpu_hour for _, d in runs) / days
    return latencies[int(0.95 * objects)], cost_per_day


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed-cost", type=float, default=45.47, help="seed's cost per day ($), lake simulate")
    parser.add_argument("--workers", type=int, default=2, help="G.1X workers of the Glue job (plan)")
    parser.add_argument("--dpu-hour", type=float, default=0.44, help="price of a job DPU-hour ($)")
    args = parser.parse_args()
    print("gap_min  p95_s  jobs_usd_per_day  cheaper_than_seed")
    for gap in (15, 20, 25, 30, 35, 40, 45):
        p95, cost = measure(gap, args.workers, args.dpu_hour)
        print(f"{gap:7d} {p95:6.0f} {cost:17.2f} {args.seed_cost / cost:17.2f}x")


if __name__ == "__main__":
    main()
