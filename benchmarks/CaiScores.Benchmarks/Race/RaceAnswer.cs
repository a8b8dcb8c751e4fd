using System.Globalization;
using System.Text;

namespace CaiScores.Benchmarks.Race;

/// <summary>The five workloads of the race.</summary>
internal enum Workload
{
    /// <summary>The 20-bucket (5-point) distribution of the last run plus count, mean, min and max.</summary>
    W1,

    /// <summary>Per (run, tier): count, mean score and CAI low/medium/high counts.</summary>
    W2,

    /// <summary>The consecutive transition matrices (CAI buckets) with entries and exits.</summary>
    W3,

    /// <summary>The 3-set Venn of High (CAI) in runs 1, 4 and 8.</summary>
    W4,

    /// <summary>The top-20 % threshold of the last run (quantile_disc) and the count at or above it.</summary>
    W5,
}

/// <summary>
/// One engine's answer to one workload, as named numbers in a fixed order: counts, exact values (min, max, thresholds)
/// and means. Two answers agree when they hold the same names, counts and exact values are equal and means are within
/// 1e-9 relative.
/// </summary>
internal sealed class RaceAnswer
{
    private readonly List<(string Name, double Value, bool IsMean)> _items = [];

    /// <summary>The named values in the order they were added.</summary>
    public IReadOnlyList<(string Name, double Value, bool IsMean)> Items => _items;

    /// <summary>Adds a count or an exact value.</summary>
    public RaceAnswer Exact(string name, double value)
    {
        _items.Add((name, value, false));
        return this;
    }

    /// <summary>Adds a mean (compared within 1e-9 relative).</summary>
    public RaceAnswer Mean(string name, double value)
    {
        _items.Add((name, value, true));
        return this;
    }

    /// <summary>The first difference from another answer, or null when they agree.</summary>
    public string? Difference(RaceAnswer other)
    {
        if (_items.Count != other._items.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_items.Count} values against {other._items.Count}");
        }

        for (var i = 0; i < _items.Count; i++)
        {
            var (name, a, mean) = _items[i];
            var (otherName, b, _) = other._items[i];
            if (name != otherName)
            {
                return $"value {i} is '{name}' against '{otherName}'";
            }

            var equal = mean ? Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)) : a.Equals(b);
            if (!equal)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name}: {a:R} against {b:R}");
            }
        }

        return null;
    }

    /// <summary>The answer as one line per value.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, value, _) in _items)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name} = {value:R}\n");
        }

        return text.ToString();
    }
}

/// <summary>The shapes the answers of all engines share: bucket edges, the runs the workloads read, and answer builders.</summary>
internal static class RaceShape
{
    /// <summary>The CAI bucket labels (below 25, 25 to below 75, 75 and above).</summary>
    public static readonly string[] CaiLabels = ["Low", "Medium", "High"];

    /// <summary>The 0-based runs of the Venn (runs 1, 4 and 8 of 8).</summary>
    public static int[] VennRuns(int runs) => [0, Math.Min(3, runs - 1), runs - 1];

    /// <summary>The CAI bucket of a score: 0 Low, 1 Medium, 2 High.</summary>
    public static int Cai(double score) => score >= 75 ? 2 : score >= 25 ? 1 : 0;

    /// <summary>The 5-point bucket of a score (ties at an edge go up): 0 for below 5, …, 19 for 95 and above.</summary>
    public static int Five(double score)
    {
        var b = 0;
        while (b < 19 && score >= 5.0 * (b + 1))
        {
            b++;
        }

        return b;
    }

    /// <summary>The 1-based ascending rank DuckDB's <c>quantile_disc(x, 0.8)</c> takes among n values: max(1, ⌈0.8 n⌉).</summary>
    public static long DiscRank(long n) => Math.Max(1, ((4 * n) + 4) / 5);

    /// <summary>W1's answer from the 20 bucket counts, count, mean, min and max.</summary>
    public static RaceAnswer W1(ReadOnlySpan<long> buckets, long count, double mean, double min, double max)
    {
        var answer = new RaceAnswer();
        for (var b = 0; b < buckets.Length; b++)
        {
            answer.Exact(string.Create(CultureInfo.InvariantCulture, $"bucket {b}"), buckets[b]);
        }

        return answer.Exact("count", count).Mean("mean", mean).Exact("min", min).Exact("max", max);
    }

    /// <summary>W2's answer from per-bucket counts[run, tier, bucket] and score sums[run, tier].</summary>
    public static RaceAnswer W2(long[,,] counts, double[,] sums)
    {
        var cells = new W2Cell[counts.GetLength(0), counts.GetLength(1)];
        for (var r = 0; r < cells.GetLength(0); r++)
        {
            for (var t = 0; t < cells.GetLength(1); t++)
            {
                var n = counts[r, t, 0] + counts[r, t, 1] + counts[r, t, 2];
                cells[r, t] = new W2Cell(n, n == 0 ? 0 : sums[r, t] / n, counts[r, t, 0], counts[r, t, 1], counts[r, t, 2]);
            }
        }

        return W2(cells);
    }

    /// <summary>W2's answer: cells[run, tier] = (count, mean, low, medium, high); empty cells are left out.</summary>
    public static RaceAnswer W2(W2Cell[,] cells)
    {
        var answer = new RaceAnswer();
        for (var r = 0; r < cells.GetLength(0); r++)
        {
            for (var t = 0; t < cells.GetLength(1); t++)
            {
                var c = cells[r, t];
                if (c.Count == 0)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"run {r + 1} {Data.SyntheticScores.Tiers[t]}");
                answer.Exact(key + " count", c.Count).Mean(key + " mean", c.Mean)
                    .Exact(key + " low", c.Low).Exact(key + " medium", c.Medium).Exact(key + " high", c.High);
            }
        }

        return answer;
    }

    /// <summary>W3's answer: per pair k (run k+1 → k+2) the 3 × 3 counts [k, from, to], entries and exits.</summary>
    public static RaceAnswer W3(long[,,] cells, long[] entries, long[] exits)
    {
        var answer = new RaceAnswer();
        for (var k = 0; k < entries.Length; k++)
        {
            var pair = string.Create(CultureInfo.InvariantCulture, $"{k + 1}→{k + 2}");
            for (var f = 0; f < 3; f++)
            {
                for (var t = 0; t < 3; t++)
                {
                    answer.Exact($"{pair} {CaiLabels[f]}→{CaiLabels[t]}", cells[k, f, t]);
                }
            }

            answer.Exact(pair + " entries", entries[k]).Exact(pair + " exits", exits[k]);
        }

        return answer;
    }

    /// <summary>W4's answer: the persons in exactly the sets of each mask 1…7 (bit i = High in the i-th Venn run).</summary>
    public static RaceAnswer W4(ReadOnlySpan<long> regions)
    {
        var answer = new RaceAnswer();
        for (var m = 1; m < 8; m++)
        {
            var name = string.Join("∩", Enumerable.Range(0, 3).Where(i => (m & (1 << i)) != 0).Select(i => "ABC"[i]));
            answer.Exact("only " + name, regions[m]);
        }

        return answer;
    }

    /// <summary>W5's answer.</summary>
    public static RaceAnswer W5(double threshold, long count) => new RaceAnswer().Exact("threshold", threshold).Exact("count", count);
}

/// <summary>One (run, tier) cell of W2.</summary>
internal readonly record struct W2Cell(long Count, double Mean, long Low, long Medium, long High);
