using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>
/// Counts the entries of a list column (CSR: offsets into codes, importances and values) per group of items, with each
/// item counted at most once per (group, code): dense <c>[group × code]</c> tallies of distinct items. Knows nothing of CAI
/// or of the table: arrays and spans in, counts out.
/// </summary>
/// <remarks>
/// <para><see cref="AssignGroups"/> turns a value column into a group byte per item, CJA's value bucketing: the number of
/// edges at or below the value (eight values and one validity byte at a time: one compare per edge and 512-bit vector, or
/// two 256-bit ones, each compare's lane mask spread into byte lanes and summed; a scalar loop for the rest).</para>
/// <para><see cref="Count"/> then walks the lists once, item by item, over one or more row sets (several rows of the same
/// item, e.g. scoring runs): slot <c>code + 1</c> (slot 0 is the null code −1) of the item's group gets +1 unless the item
/// already counted it — a stamp per tally cell remembers the last item that did, and the count adds <c>old != stamp</c>,
/// so a repeated code costs no branch. Given value tallies, the same walk also counts values per selected cell.</para>
/// <para><see cref="CountValues"/> is the second pass for when every cell's values would be too many to hold: value
/// tallies for a chosen few (group, code) cells, dense when small, else sparse.</para>
/// </remarks>
internal static partial class FactorCounter
{
    /// <summary>The group byte of an item with no row (absent, or filtered out).</summary>
    public const byte NoRow = 0xFF;

    /// <summary>The group byte of an item with a row but no value (null, or NaN).</summary>
    public const byte NoValue = 0xFE;

    /// <summary>The most edges: groups are 0…31 so that an item's groups fit a 32-bit mask.</summary>
    public const int MaxEdges = 31;

    /// <summary>Tally cells per (group, code): distinct items, then distinct items per importance 0…3.</summary>
    public const int KeyWidth = 5;

    /// <summary>
    /// Tallies items <c>first…first+count−1</c> over one or more row sets: per group, the items with a row in it and those
    /// with at least one counted entry; per (group, slot) the distinct items and the distinct items per importance; the
    /// items with a row in any group, and those with a <see cref="NoValue"/> row. With <paramref name="values"/>, also the
    /// value tallies of the selected cells in the same walk.
    /// </summary>
    /// <param name="rows">The row sets; their groups are indexed from 0 for item <paramref name="first"/>, their offsets by item.</param>
    /// <param name="first">The first item.</param>
    /// <param name="count">The number of items.</param>
    /// <param name="importanceMask">Bit <c>i</c> set: entries of importance <c>i</c> (0…3) count; others are skipped.</param>
    /// <param name="countNullCode">Whether entries with code −1 count (in slot 0).</param>
    /// <param name="tally">Added to.</param>
    /// <param name="values">Value tallies to add to as <see cref="CountValues"/> does (dense only), or null.</param>
    /// <param name="selection">With <paramref name="values"/>: per cell <c>group × slots + slot</c>, its index in <paramref name="values"/> or −1.</param>
    public static void Count(ReadOnlySpan<FactorRows> rows, int first, int count, int importanceMask, bool countNullCode, FactorTally tally, ValueTally? values = null, ReadOnlySpan<int> selection = default)
    {
        if (values is null)
        {
            Core<Yes, No>(rows, first, count, importanceMask, countNullCode, tally, tally.Slots, null, default);
            return;
        }

        if (values.Dense is null || selection.Length < tally.Groups * tally.Slots)
        {
            KernelThrow.BadSelection(selection.Length, tally.Groups * tally.Slots);
        }

        Core<Yes, Yes>(rows, first, count, importanceMask, countNullCode, tally, tally.Slots, values, selection);
    }

    /// <summary>
    /// Tallies, for the (group, slot) cells that have a selection index, the distinct items per value slot
    /// (<c>value + 1</c>; slot 0 is the null value −1), with the importance filter of <see cref="Count"/>; whether the null
    /// code counts is up to the selection of slot 0.
    /// </summary>
    /// <param name="rows">The row sets.</param>
    /// <param name="first">The first item.</param>
    /// <param name="count">The number of items.</param>
    /// <param name="importanceMask">As for <see cref="Count"/>.</param>
    /// <param name="slots">Slots per group (codes + 1).</param>
    /// <param name="selection">Per cell <c>group × slots + slot</c>: its index in <paramref name="values"/>, or −1 to skip it.</param>
    /// <param name="values">Added to.</param>
    public static void CountValues(ReadOnlySpan<FactorRows> rows, int first, int count, int importanceMask, int slots, ReadOnlySpan<int> selection, ValueTally values) =>
        Core<No, Yes>(rows, first, count, importanceMask, countNullCode: true, null, slots, values, selection);

    /// <summary>
    /// The one loop behind <see cref="Count"/> and <see cref="CountValues"/>: <typeparamref name="TCounts"/> and
    /// <typeparamref name="TValues"/> switch the two kinds of tally on and off at compile time. A cell counts an item when
    /// its stamp (the last item that counted it) differs from the item's: <c>+= old != stamp</c>, without a branch.
    /// </summary>
    private static void Core<TCounts, TValues>(ReadOnlySpan<FactorRows> rows, int first, int count, int importanceMask, bool countNullCode, FactorTally? tally, int slots, ValueTally? values, ReadOnlySpan<int> selection)
        where TCounts : struct, IFlag
        where TValues : struct, IFlag
    {
        CheckRows(rows, first, count);
        int[]? rentedKeys = null;
        int[]? rentedValues = null;
        try
        {
            var keys = Span<int>.Empty;
            var keyStamps = Span<int>.Empty;
            if (TCounts.On)
            {
                keys = tally!.Keys;
                rentedKeys = ArrayPool<int>.Shared.Rent(keys.Length);
                keyStamps = rentedKeys.AsSpan(0, keys.Length);
                keyStamps.Clear();
            }

            var dense = Span<int>.Empty;
            var valueStamps = Span<int>.Empty;
            if (TValues.On && values!.Dense is { } denseArray)
            {
                dense = denseArray;
                rentedValues = ArrayPool<int>.Shared.Rent(dense.Length);
                valueStamps = rentedValues.AsSpan(0, dense.Length);
                valueStamps.Clear();
            }

            var valueSlots = TValues.On ? values!.ValueSlots : 0;
            var sparse = TValues.On ? values!.Sparse : null;
            var people = TCounts.On ? tally!.People : [];
            var withEntries = TCounts.On ? tally!.WithEntries : [];
            var distinct = 0;
            var noValueItems = 0;

            if (rows.Length == 1)
            {
                // One row per item (one run): the item's group is its only one.
                var set = rows[0];
                var groups = set.Groups;
                var offsets = set.Offsets;
                var codes = set.Codes;
                var importance = set.Importance;
                var itemValues = set.Values;
                for (var i = 0; i < count; i++)
                {
                    var g = groups[i];
                    if (g >= NoValue)
                    {
                        noValueItems += g == NoValue ? 1 : 0;
                        continue;
                    }

                    var stamp = first + i + 1;
                    var baseSlot = g * slots;
                    var counted = 0;
                    var end = offsets[first + i + 1];
                    for (var e = offsets[first + i]; e < end; e++)
                    {
                        var imp = importance[e];
                        var slot = codes[e] + 1;
                        if (imp > 3 || ((importanceMask >> imp) & 1) == 0 || (slot == 0 && !countNullCode))
                        {
                            continue;
                        }

                        if (TCounts.On)
                        {
                            Mark(keys, keyStamps, (baseSlot + slot) * KeyWidth, stamp);
                            Mark(keys, keyStamps, ((baseSlot + slot) * KeyWidth) + 1 + imp, stamp);
                            counted = 1;
                        }

                        if (TValues.On)
                        {
                            CountValue(selection[baseSlot + slot], valueSlots, itemValues[e], stamp, dense, valueStamps, sparse);
                        }
                    }

                    if (TCounts.On)
                    {
                        distinct++;
                        people[g]++;
                        withEntries[g] += counted;
                    }
                }
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    var stamp = first + i + 1;
                    uint reached = 0;
                    uint entered = 0;
                    var noValue = false;
                    foreach (ref readonly var set in rows)
                    {
                        var g = set.Groups[i];
                        if (g >= NoValue)
                        {
                            noValue |= g == NoValue;
                            continue;
                        }

                        reached |= 1u << g;
                        var codes = set.Codes;
                        var importance = set.Importance;
                        var itemValues = set.Values;
                        var baseSlot = g * slots;
                        var end = set.Offsets[first + i + 1];
                        for (var e = set.Offsets[first + i]; e < end; e++)
                        {
                            var imp = importance[e];
                            var slot = codes[e] + 1;
                            if (imp > 3 || ((importanceMask >> imp) & 1) == 0 || (slot == 0 && !countNullCode))
                            {
                                continue;
                            }

                            if (TCounts.On)
                            {
                                Mark(keys, keyStamps, (baseSlot + slot) * KeyWidth, stamp);
                                Mark(keys, keyStamps, ((baseSlot + slot) * KeyWidth) + 1 + imp, stamp);
                                entered |= 1u << g;
                            }

                            if (TValues.On)
                            {
                                CountValue(selection[baseSlot + slot], valueSlots, itemValues[e], stamp, dense, valueStamps, sparse);
                            }
                        }
                    }

                    if (TCounts.On)
                    {
                        if (reached != 0)
                        {
                            distinct++;
                            for (; reached != 0; reached &= reached - 1)
                            {
                                people[BitOperations.TrailingZeroCount(reached)]++;
                            }

                            for (; entered != 0; entered &= entered - 1)
                            {
                                withEntries[BitOperations.TrailingZeroCount(entered)]++;
                            }
                        }

                        noValueItems += noValue ? 1 : 0;
                    }
                }
            }

            if (TCounts.On)
            {
                tally!.Distinct += distinct;
                tally.NoValue += noValueItems;
            }
        }
        finally
        {
            if (rentedKeys is not null)
            {
                ArrayPool<int>.Shared.Return(rentedKeys);
            }

            if (rentedValues is not null)
            {
                ArrayPool<int>.Shared.Return(rentedValues);
            }
        }
    }

    /// <summary>Counts the item in a cell unless it already did (branch-free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mark(Span<int> counts, Span<int> stamps, int cell, int stamp)
    {
        var old = stamps[cell];
        stamps[cell] = stamp;
        counts[cell] += old != stamp ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountValue(int selected, int valueSlots, int value, int stamp, Span<int> dense, Span<int> stamps, Dictionary<long, ValueTally.SparseCell>? sparse)
    {
        if (selected < 0)
        {
            return;
        }

        var cell = ((long)selected * valueSlots) + value + 1;
        if (sparse is null)
        {
            Mark(dense, stamps, checked((int)cell), stamp);
            return;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(sparse, cell, out _);
        entry.Count += entry.Stamp != stamp ? 1 : 0;
        entry.Stamp = stamp;
    }

    /// <summary>A compile-time switch for <see cref="Core"/>.</summary>
    private interface IFlag
    {
        static abstract bool On { get; }
    }

    private readonly struct Yes : IFlag
    {
        public static bool On => true;
    }

    private readonly struct No : IFlag
    {
        public static bool On => false;
    }

    private static void CheckRows(ReadOnlySpan<FactorRows> rows, int first, int count)
    {
        if (first < 0 || count < 0)
        {
            KernelThrow.BadRange(first, count);
        }

        foreach (ref readonly var set in rows)
        {
            if (set.Groups.Length < count || set.Offsets.Length < first + count + 1)
            {
                KernelThrow.RowsTooShort(first, count, set.Groups.Length, set.Offsets.Length);
            }
        }
    }
}
