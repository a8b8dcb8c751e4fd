using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

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
