using System.Numerics;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.Trends;

/// <summary>
/// The mergeable state of a trend: per period and accumulator key, rows, score sums, probability sums and counts; per
/// period and series, the deduplicated people where a period holds several runs. Counting any partition of the persons
/// and merging gives the state of the whole (people of disjoint persons add up).
/// </summary>
internal sealed class TrendState
{
    private readonly TrendPlan _plan;
    private readonly long[][] _rows;
    private readonly double[][] _scoreSums;
    private readonly double[][] _probabilitySums;
    private readonly long[][] _probabilityCounts;
    private readonly long[][] _seriesPeople;
    private readonly long[] _periodPeople;
    private readonly List<double>[][]? _scoreValues;
    private readonly List<double>[][]? _probabilityValues;
    private long _nan;

    public TrendState(TrendPlan plan)
    {
        _plan = plan;
        var periods = plan.Periods.Count;
        _rows = Jagged<long>(periods, plan.KeyCount);
        _scoreSums = Jagged<double>(periods, plan.KeyCount);
        _probabilitySums = Jagged<double>(periods, plan.KeyCount);
        _probabilityCounts = Jagged<long>(periods, plan.KeyCount);
        _seriesPeople = Jagged<long>(periods, plan.Series.Count);
        _periodPeople = new long[periods];
        if (plan.Options.Percentiles.Count > 0)
        {
            _scoreValues = Lists(periods, plan.KeyCount);
            _probabilityValues = Lists(periods, plan.KeyCount);
        }
    }

    /// <summary>Adds persons <c>[from, from + count)</c>; <paramref name="from"/> is a multiple of 64.</summary>
    public void Add(int from, int count)
    {
        var table = _plan.Table;
        var words = BitmapKernels.WordLength(count);
        var include = new ulong[words];
        var scoreValid = new ulong[words];
        var probabilityValid = new ulong[words];
        var filter = _plan.Filter is { } set ? set.Words.Slice(from >> 6, words) : default;
        for (var p = 0; p < _plan.Periods.Count; p++)
        {
            var period = _plan.Periods[p];
            var keyBits = period.Deduplicate ? new ulong[_plan.KeyCount * words] : [];
            foreach (var (runIndex, mask) in period.Contributions)
            {
                var run = table.Runs[runIndex];
                Words.CopyBitmapRange(include, run.Presence, from, count);
                if (_plan.Filter is not null)
                {
                    BitmapKernels.And(include, filter, include);
                }

                if (mask is not null)
                {
                    BitmapKernels.And(include, mask.AsSpan(from >> 6, words), include);
                }

                Words.CopyBitmapRange(scoreValid, run.ScoreValidity, from, count);
                if (_plan.Options.IncludeProbability)
                {
                    Words.CopyBitmapRange(probabilityValid, run.ProbabilityValidity, from, count);
                }
                var groups = _plan.Cohort is null ? default : _plan.CohortSlots[runIndex].AsSpan(from, count);
                var probability = _plan.Options.IncludeProbability;
                _nan += GroupedBucketAggregator.Accumulate(
                    new GroupedInput
                    {
                        Include = include,
                        Values = run.Scores.Slice(from, count),
                        ValueValidity = scoreValid,
                        Second = probability ? run.Probabilities.Slice(from, count) : default,
                        SecondValidity = probabilityValid,
                        GroupSlots = groups,
                        Edges = _plan.Edges,
                    },
                    new GroupedOutput
                    {
                        Rows = _rows[p],
                        ValueSums = _scoreSums[p],
                        SecondSums = probability ? _probabilitySums[p] : default,
                        SecondCounts = probability ? _probabilityCounts[p] : default,
                        KeyBits = keyBits,
                        KeyBitWords = words,
                    });

                if (_scoreValues is not null)
                {
                    CollectValues(p, run, from, include, scoreValid, probabilityValid, groups);
                }
            }

            if (period.Deduplicate)
            {
                CountPeople(p, keyBits, words);
            }
        }
    }

    public void Merge(TrendState other)
    {
        for (var p = 0; p < _rows.Length; p++)
        {
            StateMerge.Add(_rows[p], other._rows[p]);
            StateMerge.Add(_scoreSums[p], other._scoreSums[p]);
            StateMerge.Add(_probabilitySums[p], other._probabilitySums[p]);
            StateMerge.Add(_probabilityCounts[p], other._probabilityCounts[p]);
            StateMerge.Add(_seriesPeople[p], other._seriesPeople[p]);
            _periodPeople[p] += other._periodPeople[p];
            if (_scoreValues is not null)
            {
                for (var k = 0; k < _plan.KeyCount; k++)
                {
                    _scoreValues[p][k].AddRange(other._scoreValues![p][k]);
                    _probabilityValues![p][k].AddRange(other._probabilityValues![p][k]);
                }
            }
        }

        _nan += other._nan;
    }

    public ScoreTrend ToResult(TrendOptions options, ScoreTableDiagnostics diagnostics)
    {
        var series = _plan.Series;
        var periods = new TrendPeriod[_plan.Periods.Count];
        var rows = new TrendRow[periods.Length * series.Count];
        var percentiles = options.Percentiles;
        for (var p = 0; p < periods.Length; p++)
        {
            var plan = _plan.Periods[p];
            var r = _rows[p];
            long events = 0;
            foreach (var s in series)
            {
                events += s.Keys.Sum(k => r[k]);
            }

            var periodPeople = plan.Deduplicate ? _periodPeople[p] : events;
            periods[p] = new TrendPeriod(p, plan.Start, plan.End, plan.Label, [.. plan.Runs], periodPeople, events);
            for (var i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var seriesRows = s.Keys.Sum(k => r[k]);
                var people = plan.Deduplicate ? _seriesPeople[p][i] : seriesRows;
                var scoreCount = s.ValueKeys.Sum(k => r[k]);
                var probabilityCount = s.Keys.Sum(k => _probabilityCounts[p][k]);
                rows[(p * series.Count) + i] = new TrendRow(
                    plan.Start,
                    plan.Label,
                    s.Series.Label,
                    people,
                    seriesRows,
                    periodPeople == 0 ? 0 : (double)people / periodPeople,
                    scoreCount == 0 ? null : s.ValueKeys.Sum(k => _scoreSums[p][k]) / scoreCount,
                    probabilityCount == 0 ? null : s.Keys.Sum(k => _probabilitySums[p][k]) / probabilityCount,
                    _scoreValues is null ? [] : NearestRank(s.ValueKeys.SelectMany(k => _scoreValues[p][k]), percentiles),
                    _probabilityValues is null ? [] : NearestRank(s.Keys.SelectMany(k => _probabilityValues[p][k]), percentiles));
            }
        }

        return ScoreTrend.Create(options, periods, [.. series.Select(s => s.Series)], rows, _nan, diagnostics);
    }

    /// <summary>Nearest-rank percentiles: the smallest value with at least p % of the values at or below it.</summary>
    internal static double[] NearestRank(IEnumerable<double> values, IReadOnlyList<double> percentiles)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return [];
        }

        Array.Sort(sorted);
        return [.. percentiles.Select(q => sorted[Math.Max(0, (int)Math.Ceiling(q / 100 * sorted.Length) - 1)])];
    }

    private void CountPeople(int period, ulong[] keyBits, int words)
    {
        var total = new ulong[words];
        var union = new ulong[words];
        for (var i = 0; i < _plan.Series.Count; i++)
        {
            union.AsSpan().Clear();
            foreach (var k in _plan.Series[i].Keys)
            {
                BitmapKernels.Or(union, keyBits.AsSpan(k * words, words), union);
            }

            _seriesPeople[period][i] += BitmapKernels.PopCount(union);
            BitmapKernels.Or(total, union, total);
        }

        _periodPeople[period] += BitmapKernels.PopCount(total);
    }

    private void CollectValues(int period, ScoreRun run, int from, ulong[] include, ulong[] scoreValid, ulong[] probabilityValid, ReadOnlySpan<ushort> groups)
    {
        var scores = run.Scores;
        var probabilities = run.Probabilities;
        var slots = _plan.Slots;
        for (var w = 0; w < include.Length; w++)
        {
            var bits = include[w];
            while (bits != 0)
            {
                var bit = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var i = (w << 6) + bit;
                var v = scores[from + i];
                var hasScore = ((scoreValid[w] >> bit) & 1) != 0 && !double.IsNaN(v);
                var bucket = !hasScore ? slots - 1 : UpperBound(_plan.Edges, v);
                var key = (groups.IsEmpty ? 0 : groups[i] * slots) + bucket;
                if (hasScore)
                {
                    _scoreValues![period][key].Add(v);
                }

                if (_plan.Options.IncludeProbability && ((probabilityValid[w] >> bit) & 1) != 0 && !double.IsNaN(probabilities[from + i]))
                {
                    _probabilityValues![period][key].Add(probabilities[from + i]);
                }
            }
        }
    }

    private static int UpperBound(double[] edges, double value)
    {
        var n = 0;
        while (n < edges.Length && value >= edges[n])
        {
            n++;
        }

        return n;
    }


    private static T[][] Jagged<T>(int outer, int inner)
    {
        var result = new T[outer][];
        for (var i = 0; i < outer; i++)
        {
            result[i] = new T[inner];
        }

        return result;
    }

    private static List<double>[][] Lists(int outer, int inner)
    {
        var result = new List<double>[outer][];
        for (var i = 0; i < outer; i++)
        {
            result[i] = new List<double>[inner];
            for (var k = 0; k < inner; k++)
            {
                result[i][k] = [];
            }
        }

        return result;
    }
}
