using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for Venn and UpSet counts: per person, a membership mask built from the source records with plain
/// comparisons, counted in a dictionary. Sets are score ranges in one run or in any run of the window.
/// </summary>
internal static class ReferenceOverlaps
{
    /// <summary>A set: the persons with a score in <c>[AtLeast, Below)</c> (no upper bound when null) in <c>Run</c>, or in any run of the window.</summary>
    public sealed record SetSpec(string Name, double AtLeast, double? Below, DateOnly? Run);

    /// <summary>The counts: base persons, per membership mask (0 = in no set) and the inclusive count of any mask.</summary>
    public sealed record Result(long Base, IReadOnlyDictionary<int, long> ByMask)
    {
        public long Exclusive(int mask) => ByMask.GetValueOrDefault(mask);

        public long Inclusive(int mask) => ByMask.Where(kv => (kv.Key & mask) == mask).Sum(kv => kv.Value);

        public long Union => Base - Exclusive(0);
    }

    /// <param name="records">The table's source records (one per person and run).</param>
    /// <param name="sets">The sets.</param>
    /// <param name="from">First day of the window (inclusive), or null for every run.</param>
    /// <param name="to">Day after the last, or null.</param>
    /// <param name="inBase">The base predicate on a person id, or null for everyone.</param>
    public static Result Compute(IReadOnlyList<ScoreRecord> records, IReadOnlyList<SetSpec> sets, DateOnly? from = null, DateOnly? to = null, Func<string, bool>? inBase = null)
    {
        bool InWindow(DateOnly run) => (from is null || run >= from) && (to is null || run < to);
        var byPerson = records.GroupBy(r => r.PersonId, StringComparer.Ordinal);
        var counts = new Dictionary<int, long>();
        long total = 0;
        foreach (var person in byPerson)
        {
            if (!person.Any(r => InWindow(r.RunKey)) || (inBase is not null && !inBase(person.Key)))
            {
                continue;
            }

            total++;
            var mask = 0;
            for (var i = 0; i < sets.Count; i++)
            {
                var set = sets[i];
                var hit = person.Any(r =>
                    (set.Run is { } run ? r.RunKey == run : InWindow(r.RunKey))
                    && r.Score is { } s && !double.IsNaN(s) && s >= set.AtLeast && (set.Below is not { } below || s < below));
                if (hit)
                {
                    mask |= 1 << i;
                }
            }

            counts[mask] = counts.GetValueOrDefault(mask) + 1;
        }

        return new Result(total, counts);
    }
}
