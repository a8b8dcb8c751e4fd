namespace CaiScores.Columnar;

/// <summary>
/// One dictionary-encoded person attribute of a <see cref="ScoreTable"/>: per run, a value id for every person of the
/// table's person index (−1 for no value), and the dictionary of values.
/// </summary>
public sealed class PersonAttribute
{
    private readonly int[][] _codesByRun; // one array per run; the same array for every run when the attribute is static
    private ushort[][]? _slotsByRun;

    internal PersonAttribute(string name, StringDictionary values, int[][] codesByRun, bool variesOverTime)
    {
        Name = name;
        Values = values;
        _codesByRun = codesByRun;
        VariesOverTime = variesOverTime;
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>The distinct values, in order of first appearance.</summary>
    public StringDictionary Values { get; }

    /// <summary>Whether the attribute was given with dates, so a person's value may differ between runs.</summary>
    public bool VariesOverTime { get; }

    /// <summary>Every person's value id (into <see cref="Values"/>; −1 for none) as of run <paramref name="run"/>.</summary>
    /// <param name="run">The run index.</param>
    public ReadOnlySpan<int> GetValueIds(int run) => _codesByRun[run];

    /// <summary>A person's value as of a run, or null.</summary>
    /// <param name="person">The person index.</param>
    /// <param name="run">The run index.</param>
    public string? GetValue(int person, int run)
    {
        var id = _codesByRun[run][person];
        return id < 0 ? null : Values[id];
    }

    internal int[][] CodesByRun => _codesByRun;

    /// <summary>
    /// Per run, every person's value id + 1 as a 16-bit slot (0 = no value), for grouping kernels; computed once per
    /// distinct id array (a static attribute shares one for every run) and kept.
    /// </summary>
    /// <exception cref="InvalidOperationException">The attribute has more than 65,534 values.</exception>
    internal ushort[][] SlotsByRun
    {
        get
        {
            if (Volatile.Read(ref _slotsByRun) is { } cached)
            {
                return cached;
            }

            if (Values.Count > ushort.MaxValue - 1)
            {
                throw new InvalidOperationException($"The attribute '{Name}' has {Values.Count:N0} values; 16-bit slots hold at most {ushort.MaxValue - 1:N0}.");
            }

            var converted = new Dictionary<int[], ushort[]>(ReferenceEqualityComparer.Instance);
            var result = new ushort[_codesByRun.Length][];
            for (var r = 0; r < result.Length; r++)
            {
                var ids = _codesByRun[r];
                if (!converted.TryGetValue(ids, out var slots))
                {
                    slots = new ushort[ids.Length];
                    for (var p = 0; p < ids.Length; p++)
                    {
                        slots[p] = (ushort)(ids[p] + 1);
                    }

                    converted.Add(ids, slots);
                }

                result[r] = slots;
            }

            return Interlocked.CompareExchange(ref _slotsByRun, result, null) ?? result;
        }
    }

    /// <summary>The bytes this attribute holds (shared arrays counted once).</summary>
    public long ResidentBytes => _codesByRun.Distinct().Sum(c => c.LongLength * 4) + Values.ResidentBytes;
}
