using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Benchmarks.Distributions;
using CaiScores.Columnar;
using CaiScores.Outcomes;

namespace CaiScores.Benchmarks.Outcomes;

/// <summary>
/// Model evaluation (deciles + AUC) of the latest of 8 weekly runs against outcomes, on the synthetic table (10 % of
/// persons missing per run). About a quarter of the persons have an outcome, more likely the higher their score, some in
/// the 30-day window and some outside it. One core.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NaiveSortAndRank</c> (baseline): the persons' scores and labels gathered, <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>
/// (a comparison sort of doubles), then ranks with ties averaged and the rank sum of the positives; no deciles.</item>
/// <item><c>ModelEvaluationCompute</c>: the whole analysis (<see cref="ModelEvaluation.Compute"/>): positives marked from the
/// outcome columns, a radix sort of the scores' order-preserving keys, deciles and AUC in one pass in rank order.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(DistributionConfig))]
public class OutcomesBenchmarks
{
    private const int WindowDays = 30;
    private ScoreTable _table = null!;
    private OutcomeEvents _outcomes = null!;

    /// <summary>The dataset's size in score rows (see <see cref="BenchmarkSizes"/>); the run analysed holds <c>Rows / 8</c> persons.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, 8, factors: false, tiers: false);
        var run = _table.Runs[^1];
        var start = new DateTimeOffset(run.ScoreDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var random = new Random(42);
        var records = new List<OutcomeRecord>();
        for (var p = 0; p < _table.Persons.Count; p++)
        {
            var score = run.GetScore(p) ?? 50;
            if (random.NextDouble() < 0.05 + (0.4 * score / 100))
            {
                records.Add(new OutcomeRecord { PersonId = _table.Persons[p], Timestamp = start.AddHours(random.Next(-24 * 14, 24 * 45)), Value = random.Next(1, 200) });
            }
        }

        _outcomes = OutcomeEvents.Join(_table, records);
    }

    [Benchmark(Baseline = true)]
    public double NaiveSortAndRank()
    {
        var run = _table.Runs[^1];
        var startMicros = Micros(run.ScoreDate);
        var endMicros = Micros(run.ScoreDate.AddDays(WindowDays));
        var offsets = _outcomes.Offsets;
        var micros = _outcomes.TimestampMicros;
        var scores = new double[run.PresentCount];
        var labels = new bool[run.PresentCount];
        var n = 0;
        for (var p = 0; p < run.PersonCount; p++)
        {
            if (run.GetScore(p) is not { } v || double.IsNaN(v))
            {
                continue;
            }

            var positive = false;
            for (var k = offsets[p]; k < offsets[p + 1]; k++)
            {
                positive |= micros[k] > startMicros && micros[k] <= endMicros;
            }

            scores[n] = v;
            labels[n++] = positive;
        }

        Array.Sort(scores, labels, 0, n);
        double rankSum = 0;
        long positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            long tiePositives = 0;
            while (j < n && scores[j] == scores[i])
            {
                tiePositives += labels[j] ? 1 : 0;
                j++;
            }

            rankSum += tiePositives * ((i + 1 + j) / 2.0);
            positives += tiePositives;
            i = j;
        }

        var negatives = n - positives;
        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    [Guarded(27_000)]
    [Benchmark]
    public double? ModelEvaluationCompute() =>
        ModelEvaluation.Compute(_table, _outcomes, new ModelEvaluationOptions { OutcomeWindowDays = WindowDays }).Auc;

    private static long Micros(DateOnly day) =>
        (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
