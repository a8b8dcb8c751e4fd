using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Models;
using static CaiScores.Parquet.Writing.ArrowColumns;

namespace CaiScores.Parquet.Writing;

/// <summary>The nested XDM columns of a score file, shaped as AEP writes them: the influential factors and the identity map.</summary>
internal static class XdmColumns
{
    public static ListArray Factors(CaiScoreRecord?[] rows)
    {
        var offsets = new List<int> { 0 };
        var codes = new List<string?>();
        var values = new List<string?>();
        var importance = new List<string?>();
        var valid = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            // An empty factor list is written as null, as AEP does for a record without factors.
            valid[i] = rows[i] is { InfluentialFactors.Count: > 0 };
            foreach (var f in valid[i] ? rows[i]!.InfluentialFactors : [])
            {
                codes.Add(f.Code);
                values.Add(f.Value);
                importance.Add(f.Importance == Importance.Unspecified ? null : f.Importance.ToString().ToLowerInvariant());
            }

            offsets.Add(codes.Count);
        }

        var elements = new StructArray(CaiParquetWriter.Factor, codes.Count, [Strings(codes), Strings(values), Strings(importance)], ArrowBuffer.Empty, 0);
        return new ListArray(new ListType(new Field("element", CaiParquetWriter.Factor, true)), rows.Length, Offsets(offsets), elements, Bitmap(valid), valid.Count(v => !v));
    }

    public static MapArray Identity(CaiScoreRecord[] chunk)
    {
        var entryOffsets = new List<int> { 0 };
        var itemOffsets = new List<int> { 0 };
        var keys = new List<string>();
        var ids = new List<string?>();
        var states = new List<string?>();
        var primary = new BooleanArray.Builder();
        var valid = new bool[chunk.Length];
        for (var i = 0; i < chunk.Length; i++)
        {
            valid[i] = chunk[i].IdentityMap.Count > 0;
            foreach (var (ns, items) in chunk[i].IdentityMap)
            {
                keys.Add(ns);
                foreach (var item in items)
                {
                    ids.Add(item.Id);
                    states.Add(item.AuthenticatedState switch { AuthenticatedState.Authenticated => "authenticated", AuthenticatedState.LoggedOut => "loggedOut", _ => "ambiguous" });
                    primary.Append(item.Primary);
                }

                itemOffsets.Add(ids.Count);
            }

            entryOffsets.Add(keys.Count);
        }

        var itemArray = new StructArray(CaiParquetWriter.IdentityItem, ids.Count, [Strings(ids), Strings(states), primary.Build()], ArrowBuffer.Empty, 0);
        var lists = new ListArray((ListType)CaiParquetWriter.IdentityMap.ValueField.DataType, keys.Count, Offsets(itemOffsets), itemArray, ArrowBuffer.Empty, 0);
        var entries = new StructArray(CaiParquetWriter.IdentityMap.KeyValueType, keys.Count, [Strings(keys), lists], ArrowBuffer.Empty, 0);
        return new MapArray(CaiParquetWriter.IdentityMap, chunk.Length, Offsets(entryOffsets), entries, Bitmap(valid), valid.Count(v => !v));
    }
}
