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
    public static string? Resolve(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map, string? identityNamespace) =>
        Resolve(map, identityNamespace, out _);

    /// <summary>As <see cref="Resolve(IReadOnlyDictionary{string, IReadOnlyList{IdentityItem}}, string?)"/>, and why no id was resolved.</summary>
    /// <param name="map">The identity map.</param>
    /// <param name="identityNamespace">The namespace, or null for the primary identity.</param>
    /// <param name="miss"><see cref="PersonIdMiss.None"/> when an id is returned; otherwise the reason.</param>
    public static string? Resolve(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map, string? identityNamespace, out PersonIdMiss miss) =>
        Resolve(map, identityNamespace, out miss, out _);

    /// <summary>As <see cref="Resolve(IReadOnlyDictionary{string, IReadOnlyList{IdentityItem}}, string?, out PersonIdMiss)"/>, and the namespace the id came from.</summary>
    /// <param name="map">The identity map.</param>
    /// <param name="identityNamespace">The namespace, or null for the primary identity.</param>
    /// <param name="miss"><see cref="PersonIdMiss.None"/> when an id is returned; otherwise the reason.</param>
    /// <param name="idNamespace">The namespace of the returned id; null when none is returned.</param>
    public static string? Resolve(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map, string? identityNamespace, out PersonIdMiss miss, out string? idNamespace)
    {
        var id = ResolveId(map, identityNamespace, out idNamespace);
        miss = id is not null ? PersonIdMiss.None
            : map.Count == 0 ? PersonIdMiss.NoIdentityMap
            : identityNamespace is null && UsableCount(map) > 1 ? PersonIdMiss.NoPrimary
            : PersonIdMiss.NoUsableId;
        return id;
    }

    private static int UsableCount(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map)
    {
        var n = 0;
        foreach (var (_, items) in map)
        {
            n += items?.Count(Usable) ?? 0;
        }

        return n;
    }

    private static string? ResolveId(IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> map, string? identityNamespace, out string? idNamespace)
    {
        idNamespace = null;
        if (identityNamespace is not null)
        {
            if (map.TryGetValue(identityNamespace, out var items) && items is not null)
            {
                foreach (var item in items)
                {
                    if (Usable(item))
                    {
                        idNamespace = identityNamespace;
                        return item.Id;
                    }
                }
            }

            return null;
        }

        if (map is CompactIdentityMap compact)
        {
            return ResolvePrimary(compact.Namespaces, compact.Items, out idNamespace);
        }

        var namespaces = new string[map.Count];
        var lists = new IReadOnlyList<IdentityItem>[map.Count];
        var n = 0;
        foreach (var (ns, items) in map)
        {
            namespaces[n] = ns;
            lists[n++] = items;
        }

        return ResolvePrimary(namespaces, lists, out idNamespace);
    }

    private static string? ResolvePrimary(ReadOnlySpan<string> namespaces, ReadOnlySpan<IReadOnlyList<IdentityItem>> lists, out string? idNamespace)
    {
        IdentityItem? single = null;
        string? singleNamespace = null;
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
                singleNamespace = ns;
                if (candidate && item.Primary)
                {
                    primaryNamespace = ns;
                    primaryItem = item;
                    candidate = false;
                }
            }
        }

        idNamespace = total == 1 ? singleNamespace : primaryNamespace;
        return total == 1 ? single!.Id : primaryItem?.Id;
    }

    private static bool Usable(IdentityItem? item) => item is not null && !string.IsNullOrEmpty(item.Id);
}
