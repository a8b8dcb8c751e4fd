namespace CaiScores.Columnar.Attributes;

/// <summary>
/// One dictionary-encoded person attribute of a <see cref="ScoreTable"/>: per run, a value id for every person of the
/// table's person index (−1 for no value), and the dictionary of values.
/// </summary>
public sealed class PersonAttribute
{
    private readonly int[][] _codesByRun; // one array per run; the same array for every run when the attribute is static

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

    /// <summary>The bytes this attribute holds (shared arrays counted once).</summary>
    public long ResidentBytes => _codesByRun.Distinct().Sum(c => c.LongLength * 4) + Values.ResidentBytes;
}
