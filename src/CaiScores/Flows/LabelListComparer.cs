namespace CaiScores.Flows;

/// <summary>Orders label lists element by element (ordinal), shorter first on a common prefix.</summary>
internal sealed class LabelListComparer : IComparer<string[]>
{
    public static LabelListComparer Instance { get; } = new();

    public int Compare(string[]? x, string[]? y)
    {
        for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
