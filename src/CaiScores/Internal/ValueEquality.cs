namespace CaiScores.Internal;

/// <summary>Structural equality for the collections held by the public records.</summary>
internal static class ValueEquality
{
    public static bool SequenceEqual<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
        where T : IEquatable<T>
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool DictionaryOfListsEqual<T>(
        IReadOnlyDictionary<string, IReadOnlyList<T>> left,
        IReadOnlyDictionary<string, IReadOnlyList<T>> right)
        where T : IEquatable<T>
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (ns, items) in left)
        {
            if (!right.TryGetValue(ns, out var otherItems) || !SequenceEqual(items, otherItems))
            {
                return false;
            }
        }

        return true;
    }
}
