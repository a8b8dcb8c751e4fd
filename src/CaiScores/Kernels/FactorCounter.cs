using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
internal static class FactorCounter
{
    /// <summary>The group byte of an item with no row (absent, or filtered out).</summary>
    public const byte NoRow = 0xFF;

    /// <summary>The group byte of an item with a row but no value (null, or NaN).</summary>
    public const byte NoValue = 0xFE;

    /// <summary>The most edges: groups are 0…31 so that an item's groups fit a 32-bit mask.</summary>
    public const int MaxEdges = 31;

    /// <summary>Tally cells per (group, code): distinct items, then distinct items per importance 0…3.</summary>
    public const int KeyWidth = 5;

    /// <summary>Byte <c>i</c> is 1 where bit <c>i</c> of the index is set.</summary>
    private static readonly ulong[] Spread = CreateSpread();

    /// <summary>
    /// Writes each item's group: the number of <paramref name="edges"/> at or below its value when the value is valid and
    /// not NaN; else <see cref="NoValue"/> when the item is present, <see cref="NoRow"/> when not.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow bitmap of valid values, or empty when all are valid.</param>
    /// <param name="presence">Arrow bitmap of items that have a row, or empty when all have one.</param>
    /// <param name="bitOffset">The bit of <paramref name="validity"/> and <paramref name="presence"/> that belongs to <c>values[0]</c>.</param>
    /// <param name="edges">0 to <see cref="MaxEdges"/> edges, strictly ascending.</param>
    /// <param name="groups">At least <c>values.Length</c> bytes, written.</param>
    public static void AssignGroups(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, ReadOnlySpan<byte> presence, int bitOffset, ReadOnlySpan<double> edges, Span<byte> groups)
    {
        if (edges.Length > MaxEdges)
        {
            KernelThrow.TooManyGroupEdges(edges.Length);
        }

        if (groups.Length < values.Length)
        {
            KernelThrow.GroupsTooShort(values.Length, groups.Length);
        }

        var allValid = validity.IsEmpty;
        var allPresent = presence.IsEmpty;
        var i = 0;
        if (values.Length >= 8 && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated))
        {
            ref var v0 = ref MemoryMarshal.GetReference(values);
            var wide = Vector512.IsHardwareAccelerated;
            Span<Vector512<double>> edges512 = wide ? stackalloc Vector512<double>[edges.Length] : default;
            Span<Vector256<double>> edges256 = wide ? default : stackalloc Vector256<double>[edges.Length];
            for (var k = 0; k < edges.Length; k++)
            {
                if (wide)
                {
                    edges512[k] = Vector512.Create(edges[k]);
                }
                else
                {
                    edges256[k] = Vector256.Create(edges[k]);
                }
            }

            for (; i <= values.Length - 8; i += 8)
            {
                var valid = allValid ? 0xFF : BitBlocks.Read8(validity, bitOffset + i);
                var present = allPresent ? 0xFF : BitBlocks.Read8(presence, bitOffset + i);
                if ((valid | present) == 0)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(groups[i..], ulong.MaxValue);
                    continue;
                }

                ulong sums = 0;
                int numbers;
                if (wide)
                {
                    var v = Vector512.LoadUnsafe(ref v0, (nuint)i);
                    numbers = (int)Vector512.Equals(v, v).ExtractMostSignificantBits();
                    foreach (var e in edges512)
                    {
                        sums += Spread[(int)Vector512.GreaterThanOrEqual(v, e).ExtractMostSignificantBits()];
                    }
                }
                else
                {
                    var lo = Vector256.LoadUnsafe(ref v0, (nuint)i);
                    var hi = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
                    numbers = (int)(Vector256.Equals(lo, lo).ExtractMostSignificantBits() | (Vector256.Equals(hi, hi).ExtractMostSignificantBits() << 4));
                    foreach (var e in edges256)
                    {
                        var ge = Vector256.GreaterThanOrEqual(lo, e).ExtractMostSignificantBits() | (Vector256.GreaterThanOrEqual(hi, e).ExtractMostSignificantBits() << 4);
                        sums += Spread[(int)ge];
                    }
                }

                // Lanes with a number keep their sum; the others become NoValue (present) or NoRow (0xFF).
                var ok = valid & numbers;
                var keep = Spread[ok] * 0xFF;
                var fill = ulong.MaxValue - Spread[present & ~ok & 0xFF];
                BinaryPrimitives.WriteUInt64LittleEndian(groups[i..], (sums & keep) | (fill & ~keep));
            }
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            if ((allValid || BitBlocks.Bit(validity, bitOffset + i)) && !double.IsNaN(v))
            {
                var g = 0;
                while (g < edges.Length && v >= edges[g])
                {
                    g++;
                }

                groups[i] = (byte)g;
            }
            else
            {
                groups[i] = allPresent || BitBlocks.Bit(presence, bitOffset + i) ? NoValue : NoRow;
            }
        }
    }

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

    private static ulong[] CreateSpread()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            for (var i = 0; i < 8; i++)
            {
                if ((b & (1 << i)) != 0)
                {
                    table[b] |= 1UL << (8 * i);
                }
            }
        }

        return table;
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

/// <summary>
/// One row per item over a block of items (one scoring run, say): item <c>first + i</c> is in group <c>Groups[i]</c> and has
/// the entries <c>Offsets[first + i]</c> to <c>Offsets[first + i + 1]</c> of <see cref="Codes"/>, <see cref="Importance"/>
/// and <see cref="Values"/>.
/// </summary>
internal readonly record struct FactorRows(byte[] Groups, int[] Offsets, int[] Codes, byte[] Importance, int[] Values);

/// <summary>What <see cref="FactorCounter.Count"/> adds up; mergeable (counts of disjoint item sets add).</summary>
internal sealed class FactorTally
{
    public FactorTally(int groups, int slots)
    {
        if (groups is < 1 or > FactorCounter.MaxEdges + 1 || slots < 1 || (long)groups * slots * FactorCounter.KeyWidth > Array.MaxLength)
        {
            KernelThrow.BadTallyShape(groups, slots);
        }

        Groups = groups;
        Slots = slots;
        Keys = new int[groups * slots * FactorCounter.KeyWidth];
        People = new int[groups];
        WithEntries = new int[groups];
    }

    public int Groups { get; }

    public int Slots { get; }

    /// <summary>Per (group, slot), <see cref="FactorCounter.KeyWidth"/> cells: distinct items, then per importance 0…3.</summary>
    public int[] Keys { get; }

    /// <summary>Per group, the items with a row in it.</summary>
    public int[] People { get; }

    /// <summary>Per group, the items with at least one counted entry in it.</summary>
    public int[] WithEntries { get; }

    /// <summary>Items with a row in some group.</summary>
    public int Distinct { get; set; }

    /// <summary>Items with a row without a value.</summary>
    public int NoValue { get; set; }

    /// <summary>The distinct items of a (group, slot) cell.</summary>
    public int ItemsOf(int group, int slot) => Keys[((group * Slots) + slot) * FactorCounter.KeyWidth];

    /// <summary>The distinct items of a (group, slot) cell with an importance (0…3).</summary>
    public int ItemsOf(int group, int slot, int importance) => Keys[(((group * Slots) + slot) * FactorCounter.KeyWidth) + 1 + importance];

    public void Merge(FactorTally other)
    {
        if (other.Groups != Groups || other.Slots != Slots)
        {
            KernelThrow.BadTallyShape(other.Groups, other.Slots);
        }

        Add(Keys, other.Keys);
        Add(People, other.People);
        Add(WithEntries, other.WithEntries);
        Distinct += other.Distinct;
        NoValue += other.NoValue;
    }

    internal static void Add(Span<int> into, ReadOnlySpan<int> from)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= into.Length - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                (Vector256.Create<int>(into[i..]) + Vector256.Create<int>(from[i..])).CopyTo(into[i..]);
            }
        }

        for (; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }
}

/// <summary>
/// What <see cref="FactorCounter.CountValues"/> adds up: distinct items per (selection, value slot), in a dense array when
/// <c>selections × valueSlots</c> is at most <see cref="DenseLimit"/>, else in a dictionary of the cells that occur.
/// </summary>
internal sealed class ValueTally
{
    /// <summary>The most cells held densely (1 MiB of counts).</summary>
    public const int DenseLimit = 1 << 18;

    public ValueTally(int selections, int valueSlots, int denseLimit = DenseLimit)
    {
        if (selections < 0 || valueSlots < 1)
        {
            KernelThrow.BadTallyShape(selections, valueSlots);
        }

        Selections = selections;
        ValueSlots = valueSlots;
        var cells = (long)selections * valueSlots;
        if (cells <= denseLimit)
        {
            Dense = new int[cells];
        }
        else
        {
            Sparse = [];
        }
    }

    public int Selections { get; }

    public int ValueSlots { get; }

    public int[]? Dense { get; }

    public Dictionary<long, SparseCell>? Sparse { get; }

    /// <summary>The non-zero cells of a selection: (value slot, distinct items), by value slot.</summary>
    public IEnumerable<(int ValueSlot, int Count)> Cells(int selection)
    {
        if (Dense is not null)
        {
            var from = selection * ValueSlots;
            for (var v = 0; v < ValueSlots; v++)
            {
                if (Dense[from + v] != 0)
                {
                    yield return (v, Dense[from + v]);
                }
            }

            yield break;
        }

        var lo = (long)selection * ValueSlots;
        foreach (var (cell, entry) in Sparse!.Where(c => c.Key >= lo && c.Key < lo + ValueSlots).OrderBy(c => c.Key))
        {
            yield return ((int)(cell - lo), entry.Count);
        }
    }

    /// <summary>Every non-zero cell, grouped by selection: (selection, value slot, distinct items).</summary>
    public List<(int Selection, int ValueSlot, int Count)> AllCells()
    {
        var cells = new List<(int, int, int)>();
        if (Dense is not null)
        {
            for (var c = 0; c < Dense.Length; c++)
            {
                if (Dense[c] != 0)
                {
                    cells.Add((c / ValueSlots, c % ValueSlots, Dense[c]));
                }
            }
        }
        else
        {
            foreach (var (cell, entry) in Sparse!)
            {
                if (entry.Count != 0)
                {
                    cells.Add(((int)(cell / ValueSlots), (int)(cell % ValueSlots), entry.Count));
                }
            }

            cells.Sort();
        }

        return cells;
    }

    public void Merge(ValueTally other)
    {
        if (other.Selections != Selections || other.ValueSlots != ValueSlots || (other.Dense is null) != (Dense is null))
        {
            KernelThrow.BadTallyShape(other.Selections, other.ValueSlots);
        }

        if (Dense is not null)
        {
            FactorTally.Add(Dense, other.Dense!);
            return;
        }

        foreach (var (cell, entry) in other.Sparse!)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Sparse!, cell, out _).Count += entry.Count;
        }
    }

    /// <summary>A sparse cell: its count and the last item that counted it.</summary>
    internal struct SparseCell
    {
        public int Count;
        public int Stamp;
    }
}
