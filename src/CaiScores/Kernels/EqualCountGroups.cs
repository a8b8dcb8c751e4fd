namespace CaiScores.Kernels;

/// <summary>
/// Equal-count groups by value, descending: model evaluation's deciles (DOMAIN §7.4 item 12) — the persons sorted by score
/// from the highest, cut into groups whose sizes differ by at most one, the remainder spread from the top (1,003 persons in
/// ten groups: three of 101, then seven of 100). Unlike <see cref="Bucketing.QuantileSchemes"/>, ties at a cut are split:
/// persons with the same value are ordered by person index (the order of first appearance in the input), so the
/// assignment is deterministic and every group has exactly its size.
/// </summary>
/// <remarks>
/// O(n): the values at the cuts are found by selection, then one pass assigns each person by comparing with them; only the
/// persons whose value equals a cut value need the running tie order. Nulls and NaN get no group.
/// </remarks>
internal static class EqualCountGroups
{
    /// <summary>The most groups (group numbers are stored as <see cref="sbyte"/>).</summary>
    public const int MaxGroups = 127;

    /// <summary>The size of each group: <c>n / groups</c>, and one more for the first <c>n % groups</c>.</summary>
    public static long[] Sizes(long n, int groups)
    {
        CheckGroups(groups);
        var sizes = new long[groups];
        for (var g = 0; g < groups; g++)
        {
            sizes[g] = (n / groups) + (g < n % groups ? 1 : 0);
        }

        return sizes;
    }

    /// <summary>
    /// Writes each value's group to <paramref name="groupOf"/>: 0 for the highest values, <c>groups − 1</c> for the lowest,
    /// −1 for nulls and NaN.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap, or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    /// <param name="groups">1 to <see cref="MaxGroups"/> groups (10 for deciles).</param>
    /// <param name="groupOf">One entry per value.</param>
    /// <returns>The size of each group (see <see cref="Sizes"/>).</returns>
    public static long[] Assign(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, int groups, Span<sbyte> groupOf)
    {
        CheckGroups(groups);
        if (groupOf.Length != values.Length)
        {
            throw new ArgumentException($"Expected {values.Length} group entries (one per value), got {groupOf.Length}.", nameof(groupOf));
        }

        using var selector = new DoubleSelector(values, validity, validityOffset);
        var sizes = Sizes(selector.Valid, groups);
        groupOf.Fill(-1);
        if (selector.Valid == 0)
        {
            return sizes;
        }

        // ends[g] = the descending rank of the last member of group g; the value there is the cut below group g.
        var cuts = groups - 1;
        var ends = new long[cuts];
        long end = 0;
        for (var g = 0; g < cuts; g++)
        {
            end += sizes[g];
            ends[g] = Math.Max(1, end);
        }

        var at = new OrderStatistic[cuts];
        selector.Select(ends, at);

        // Each distinct cut value, with the count above it and a running count of the persons met with that value.
        var cutValues = at.Select(s => s.Value).Distinct().ToArray();
        var cutAbove = cutValues.Select(v => at.First(s => s.Value == v).Above).ToArray();
        var seen = new long[cutValues.Length];
        var allValid = validity.IsEmpty;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if ((!allValid && (validity[(validityOffset + i) >> 3] & (1 << ((validityOffset + i) & 7))) == 0) || double.IsNaN(v))
            {
                continue;
            }

            var tie = Array.IndexOf(cutValues, v);
            if (tie < 0)
            {
                // Not a cut value: its group is the number of cuts above it, whatever the order of its ties.
                var group = 0;
                foreach (var s in at)
                {
                    group += s.Value > v ? 1 : 0;
                }

                groupOf[i] = (sbyte)group;
            }
            else
            {
                var rank = cutAbove[tie] + ++seen[tie];
                var group = 0;
                while (group < cuts && ends[group] < rank)
                {
                    group++;
                }

                groupOf[i] = (sbyte)group;
            }
        }

        return sizes;
    }

    private static void CheckGroups(int groups)
    {
        if (groups is < 1 or > MaxGroups)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"Between 1 and {MaxGroups} groups (10 for deciles).");
        }
    }
}
