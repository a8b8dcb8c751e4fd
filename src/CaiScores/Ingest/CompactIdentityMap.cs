using System.Diagnostics.CodeAnalysis;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// The identity map the parser builds: parallel arrays searched linearly. A CAI record has one to three namespaces, where
/// this is smaller and faster than a hash table; iteration keeps document order. Immutable.
/// </summary>
internal sealed class CompactIdentityMap(string[] namespaces, IReadOnlyList<IdentityItem>[] items)
    : IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>>
{
    public int Count => namespaces.Length;

    public IEnumerable<string> Keys => namespaces;

    public IEnumerable<IReadOnlyList<IdentityItem>> Values => items;

    /// <summary>The namespaces, in document order (for allocation-free iteration).</summary>
    public ReadOnlySpan<string> Namespaces => namespaces;

    /// <summary>The items per namespace, parallel to <see cref="Namespaces"/>.</summary>
    public ReadOnlySpan<IReadOnlyList<IdentityItem>> Items => items;

    public IReadOnlyList<IdentityItem> this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The identity map has no namespace '{key}'.");

    public bool ContainsKey(string key) => Array.IndexOf(namespaces, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<IdentityItem> value)
    {
        for (var i = 0; i < namespaces.Length; i++)
        {
            if (string.Equals(namespaces[i], key, StringComparison.Ordinal))
            {
                value = items[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, IReadOnlyList<IdentityItem>>> GetEnumerator()
    {
        for (var i = 0; i < namespaces.Length; i++)
        {
            yield return new KeyValuePair<string, IReadOnlyList<IdentityItem>>(namespaces[i], items[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
