using CaiScores.Bucketing;
using CaiScores.Models;
using CaiScores.ReasonCodes;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracles for reason codes: per item, per factor, with hash sets and dictionaries. Slow and obviously right.
/// </summary>
internal static class ReferenceReasonCodes
{
    /// <summary>One item's rows as the kernel sees them: a group byte and a factor list per row set.</summary>
    public sealed record KernelRow(byte Group, (int Code, byte Importance, int Value)[] Entries);

    /// <summary>What the counting kernel must produce, keyed by (group, slot) and (group, slot, importance).</summary>
    public sealed class KernelCounts
    {
        public Dictionary<(int Group, int Slot), int> People { get; } = [];

        public Dictionary<(int Group, int Slot, int Importance), int> ByImportance { get; } = [];

        public Dictionary<int, int> GroupPeople { get; } = [];

        public Dictionary<int, int> GroupWithEntries { get; } = [];

        public Dictionary<(int Selection, int ValueSlot), int> Values { get; } = [];

        public int Distinct { get; set; }

        public int NoValue { get; set; }
    }

    /// <summary>The group of a value: edges at or below it; 0xFE present without a number, 0xFF absent.</summary>
    public static byte Group(double value, bool valid, bool present, double[] edges)
    {
        if (valid && !double.IsNaN(value))
        {
            var g = 0;
            foreach (var e in edges)
            {
                g += value >= e ? 1 : 0;
            }

            return (byte)g;
        }

        return present ? (byte)0xFE : (byte)0xFF;
    }

    /// <summary>Counts items, each a list of rows (one per row set).</summary>
    public static KernelCounts Count(IReadOnlyList<KernelRow[]> items, int importanceMask, bool countNullCode, Func<int, int, int>? selection = null)
    {
        var result = new KernelCounts();
        foreach (var rows in items)
        {
            var cells = new HashSet<(int, int)>();
            var byImportance = new HashSet<(int, int, int)>();
            var reached = new HashSet<int>();
            var entered = new HashSet<int>();
            var values = new HashSet<(int, int)>();
            var noValue = false;
            foreach (var row in rows)
            {
                if (row.Group == 0xFE)
                {
                    noValue = true;
                }

                if (row.Group >= 0xFE)
                {
                    continue;
                }

                reached.Add(row.Group);
                foreach (var (code, importance, value) in row.Entries)
                {
                    if (importance > 3 || (importanceMask & (1 << importance)) == 0 || (code == -1 && !countNullCode))
                    {
                        continue;
                    }

                    cells.Add((row.Group, code + 1));
                    byImportance.Add((row.Group, code + 1, importance));
                    entered.Add(row.Group);
                    if (selection?.Invoke(row.Group, code + 1) is { } s and >= 0)
                    {
                        values.Add((s, value + 1));
                    }
                }
            }

            Increment(result.People, cells);
            Increment(result.ByImportance, byImportance);
            Increment(result.GroupPeople, reached);
            Increment(result.GroupWithEntries, entered);
            Increment(result.Values, values);
            result.Distinct += reached.Count > 0 ? 1 : 0;
            result.NoValue += noValue ? 1 : 0;
        }

        return result;
    }

    /// <summary>
    /// The breakdown computed from the records: per bucket, per person, per factor. <paramref name="records"/> are the
    /// table's rows (duplicates already resolved), <paramref name="runs"/> the run dates counted.
    /// </summary>
    public static (ReasonCodeBucket[] Rows, long GrandTotal, long NoValue) Breakdown(
        IEnumerable<ScoreRecord> records,
        BucketScheme scheme,
        ISet<DateOnly> runs,
        ISet<string>? persons,
        ISet<Importance> importances,
        bool includeNoValue,
        int topN)
    {
        var bucketPeople = new Dictionary<int, HashSet<string>>();
        var withCode = new Dictionary<int, HashSet<string>>();
        var codePeople = new Dictionary<(int Bucket, string? Code), HashSet<string>>();
        var importancePeople = new Dictionary<(int Bucket, string? Code, Importance Importance), HashSet<string>>();
        var valuePeople = new Dictionary<(int Bucket, string? Code, string? Value), HashSet<string>>();
        var grand = new HashSet<string>();
        var noValue = new HashSet<string>();
        foreach (var record in records)
        {
            if (!runs.Contains(record.RunKey) || (persons is not null && !persons.Contains(record.PersonId)))
            {
                continue;
            }

            double? value = scheme.Field switch
            {
                ScoreField.Probability => record.Probability,
                ScoreField.Percentile => record.PercentileScore,
                _ => record.Score,
            };
            if (value is not { } v || double.IsNaN(v))
            {
                noValue.Add(record.PersonId);
                continue;
            }

            var bucket = scheme.BucketOf(v);
            grand.Add(record.PersonId);
            Add(bucketPeople, bucket, record.PersonId);
            foreach (var factor in record.Factors)
            {
                if (!importances.Contains(factor.Importance) || (factor.Code is null && !includeNoValue))
                {
                    continue;
                }

                Add(withCode, bucket, record.PersonId);
                Add(codePeople, (bucket, factor.Code), record.PersonId);
                Add(importancePeople, (bucket, factor.Code, factor.Importance), record.PersonId);
                Add(valuePeople, (bucket, factor.Code, factor.Value), record.PersonId);
            }
        }

        var rows = new ReasonCodeBucket[scheme.Buckets.Count];
        for (var b = 0; b < rows.Length; b++)
        {
            long people = bucketPeople.GetValueOrDefault(b)?.Count ?? 0;
            long tableTotal = withCode.GetValueOrDefault(b)?.Count ?? 0;
            var codes = codePeople.Where(c => c.Key.Bucket == b)
                .OrderByDescending(c => c.Value.Count)
                .ThenBy(c => c.Key.Code is null ? 1 : 0)
                .ThenBy(c => c.Key.Code, StringComparer.Ordinal)
                .ToList();
            var factors = codes.Take(topN).Select(c =>
            {
                long n = c.Value.Count;
                long Imp(Importance i) => importancePeople.GetValueOrDefault((b, c.Key.Code, i))?.Count ?? 0;
                var values = valuePeople.Where(x => x.Key.Bucket == b && x.Key.Code == c.Key.Code)
                    .OrderByDescending(x => x.Value.Count)
                    .ThenBy(x => x.Key.Value is null ? 1 : 0)
                    .ThenBy(x => x.Key.Value, StringComparer.Ordinal)
                    .Select(x => new FactorValueCount(x.Key.Value, x.Value.Count))
                    .ToArray();
                return new ReasonCodeFactor(
                    c.Key.Code,
                    n,
                    tableTotal == 0 ? 0 : (double)n / tableTotal,
                    people == 0 ? 0 : (double)n / people,
                    new ImportanceCounts(Imp(Importance.Low), Imp(Importance.Medium), Imp(Importance.High), Imp(Importance.Unspecified)),
                    values);
            }).ToArray();
            rows[b] = new ReasonCodeBucket(scheme.Buckets[b], people, grand.Count == 0 ? 0 : (double)people / grand.Count, tableTotal, factors, codes.Count - factors.Length);
        }

        return (rows, grand.Count, noValue.Count);
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, IEnumerable<TKey> keys)
        where TKey : notnull
    {
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<string>> sets, TKey key, string person)
        where TKey : notnull
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(person);
    }
}
