using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>Resolves a person id from an XDM identity map by CJA's connection rules (DOMAIN §1.4, §7.2).</summary>
internal static class PersonIdResolver
{
    /// <summary>
    /// <paramref name="identityNamespace"/> null: "Use Primary ID Namespace" — a single identity is used as is; otherwise
    /// the namespaces holding a primary identity are sorted ordinally and the first one's first primary id wins; several
    /// identities with none primary give no id. Otherwise: the first id under that namespace (ordinal match), if any.
    /// Items with a null or empty id, and null item lists, are ignored as if absent (the JSON reader never produces them;
    /// a map built in code may).
    /// </summary>
    public static string? Resolve(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map, string? identityNamespace)
    {
        if (identityNamespace is not null)
        {
            if (map.TryGetValue(identityNamespace, out var items) && items is not null)
            {
                foreach (var item in items)
                {
                    if (Usable(item))
                    {
                        return item.Id;
                    }
                }
            }

            return null;
        }

        if (map is CompactIdentityMap compact)
        {
            return ResolvePrimary(compact.Namespaces, compact.Items);
        }

        var namespaces = new string[map.Count];
        var lists = new IReadOnlyList<IdentityItem>[map.Count];
        var n = 0;
        foreach (var (ns, items) in map)
        {
            namespaces[n] = ns;
            lists[n++] = items;
        }

        return ResolvePrimary(namespaces, lists);
    }

    private static string? ResolvePrimary(ReadOnlySpan<string> namespaces, ReadOnlySpan<IReadOnlyList<IdentityItem>> lists)
    {
        IdentityItem? single = null;
        var total = 0;
        string? primaryNamespace = null;
        IdentityItem? primaryItem = null;
        for (var i = 0; i < namespaces.Length; i++)
        {
            var ns = namespaces[i];
            var items = lists[i];
            if (items is null)
            {
                continue;
            }

            var candidate = primaryNamespace is null || string.CompareOrdinal(ns, primaryNamespace) < 0;
            foreach (var item in items)
            {
                if (!Usable(item))
                {
                    continue;
                }

                total++;
                single = item;
                if (candidate && item.Primary)
                {
                    primaryNamespace = ns;
                    primaryItem = item;
                    candidate = false;
                }
            }
        }

        return total == 1 ? single!.Id : primaryItem?.Id;
    }

    private static bool Usable(IdentityItem? item) => item is not null && !string.IsNullOrEmpty(item.Id);
}
