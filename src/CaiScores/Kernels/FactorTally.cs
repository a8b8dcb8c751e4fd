using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

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
