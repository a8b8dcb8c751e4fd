using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Models;
using ParquetSharp;
using ParquetSharp.Arrow;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;

namespace CaiScores.Tests.TestData;

/// <summary>
/// Writes <see cref="CaiScoreRecord"/>s as AEP writes Customer AI scores to Parquet: nested XDM structs
/// (<c>_tenant.CustomerAI.instance</c>), <c>identityMap</c> as map&lt;string, list&lt;struct&gt;&gt;, factors as list&lt;struct&gt;,
/// an EE <c>timestamp</c>, snappy, several row groups. Records of other instances leave an instance's struct null.
/// </summary>
internal sealed class AepParquetWriter
{
    public static readonly StructType IdentityItem = new([
        new Field("id", StringType.Default, true),
        new Field("authenticatedState", StringType.Default, true),
        new Field("primary", BooleanType.Default, true),
    ]);

    public static readonly MapType IdentityMap = new(
        new Field("key", StringType.Default, false),
        new Field("value", new ListType(new Field("element", IdentityItem, true)), true),
        keySorted: false);

    public static readonly StructType Factor = new([
        new Field("code", StringType.Default, true),
        new Field("value", StringType.Default, true),
        new Field("importance", StringType.Default, true),
    ]);

    private static readonly TimestampType Micros = new(ArrowTimeUnit.Microsecond, "UTC");

    /// <summary>Row group size (rows).</summary>
    public int RowGroupSize { get; init; } = 100;

    /// <summary>Whether to write the EE <c>timestamp</c> column.</summary>
    public bool Timestamps { get; init; } = true;

    /// <summary>Instance fields to leave out of the schema (e.g. "probability"), to test missing columns.</summary>
    public IReadOnlySet<string> OmitFields { get; init; } = new HashSet<string>();

    /// <summary>Write <c>score</c> as text instead of double, to test a wrong column type.</summary>
    public bool ScoreAsText { get; init; }

    /// <summary>Leave out the identity map column.</summary>
    public bool OmitIdentityMap { get; init; }

    public void Write(string path, IReadOnlyList<CaiScoreRecord> records)
    {
        var instances = records.Select(r => (r.TenantId, r.InstanceKey)).Distinct().OrderBy(i => i.TenantId, StringComparer.Ordinal).ThenBy(i => i.InstanceKey, StringComparer.Ordinal).ToArray();
        var tenants = instances.GroupBy(i => i.TenantId).ToArray();
        var fields = new List<Field> { new("_id", StringType.Default, true) };
        if (Timestamps)
        {
            fields.Add(new Field("timestamp", Micros, true));
        }

        if (!OmitIdentityMap)
        {
            fields.Add(new Field("identityMap", IdentityMap, true));
        }

        foreach (var tenant in tenants)
        {
            var instanceFields = tenant.Select(i => new Field(i.InstanceKey, InstanceType(), true)).ToArray();
            fields.Add(new Field("_" + tenant.Key, new StructType([new Field("CustomerAI", new StructType(instanceFields), true)]), true));
        }

        var schema = new Schema(fields, null);
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new FileWriter(path, schema, properties);
        for (var start = 0; start < Math.Max(records.Count, 1); start += RowGroupSize)
        {
            var chunk = records.Skip(start).Take(RowGroupSize).ToArray();
            var columns = new List<IArrowArray> { Strings(chunk.Select(r => r.RecordId)) };
            if (Timestamps)
            {
                var ts = new TimestampArray.Builder(Micros);
                foreach (var r in chunk)
                {
                    if (r.Timestamp is { } t)
                    {
                        ts.Append(t);
                    }
                    else
                    {
                        ts.AppendNull();
                    }
                }

                columns.Add(ts.Build());
            }

            if (!OmitIdentityMap)
            {
                columns.Add(Identity(chunk));
            }

            foreach (var tenant in tenants)
            {
                var mask = chunk.Select(r => r.TenantId == tenant.Key).ToArray();
                var instanceArrays = tenant.Select(i => (IArrowArray)Instance(chunk, i.TenantId, i.InstanceKey)).ToArray();
                var cai = new StructArray(new StructType(tenant.Select(i => new Field(i.InstanceKey, InstanceType(), true)).ToArray()), chunk.Length, instanceArrays, Bitmap(mask), mask.Count(m => !m));
                var tenantType = (StructType)schema.GetFieldByName("_" + tenant.Key).DataType;
                columns.Add(new StructArray(tenantType, chunk.Length, [cai], Bitmap(mask), mask.Count(m => !m)));
            }

            using var batch = new RecordBatch(schema, columns, chunk.Length);
            writer.WriteRecordBatch(batch, RowGroupSize);
        }

        writer.Close();
    }

    private StructType InstanceType()
    {
        var fields = new List<Field>
        {
            new("score", ScoreAsText ? StringType.Default : DoubleType.Default, true),
            new("probability", DoubleType.Default, true),
            new("percentileScore", Int32Type.Default, true),
            new("scoreDate", StringType.Default, true),
            new("modelType", StringType.Default, true),
            new("influentialFactors", new ListType(new Field("element", Factor, true)), true),
        };
        return new StructType(fields.Where(f => !OmitFields.Contains(f.Name)).ToList());
    }

    private StructArray Instance(CaiScoreRecord[] chunk, string tenant, string instance)
    {
        var mine = chunk.Select(r => r.TenantId == tenant && r.InstanceKey == instance ? r : null).ToArray();
        var children = new List<IArrowArray>();
        var type = InstanceType();
        foreach (var field in type.Fields)
        {
            children.Add(field.Name switch
            {
                "score" when ScoreAsText => Strings(mine.Select(r => r?.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                "score" => Doubles(mine.Select(r => r?.Score)),
                "probability" => Doubles(mine.Select(r => r?.Probability)),
                "percentileScore" => Ints(mine.Select(r => r?.PercentileScore)),
                "scoreDate" => Strings(mine.Select(r => r?.ScoreDate)),
                "modelType" => Strings(mine.Select(r => r?.ModelType)),
                _ => Factors(mine),
            });
        }

        var valid = mine.Select(r => r is not null).ToArray();
        return new StructArray(type, chunk.Length, children, Bitmap(valid), valid.Count(v => !v));
    }

    private static ListArray Factors(CaiScoreRecord?[] rows)
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

        var elements = new StructArray(Factor, codes.Count, [Strings(codes), Strings(values), Strings(importance)], ArrowBuffer.Empty, 0);
        return new ListArray(new ListType(new Field("element", Factor, true)), rows.Length, Offsets(offsets), elements, Bitmap(valid), valid.Count(v => !v));
    }

    private static MapArray Identity(CaiScoreRecord[] chunk)
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

        var itemArray = new StructArray(IdentityItem, ids.Count, [Strings(ids), Strings(states), primary.Build()], ArrowBuffer.Empty, 0);
        var lists = new ListArray((ListType)IdentityMap.ValueField.DataType, keys.Count, Offsets(itemOffsets), itemArray, ArrowBuffer.Empty, 0);
        var entries = new StructArray(IdentityMap.KeyValueType, keys.Count, [Strings(keys), lists], ArrowBuffer.Empty, 0);
        return new MapArray(IdentityMap, chunk.Length, Offsets(entryOffsets), entries, Bitmap(valid), valid.Count(v => !v));
    }

    private static StringArray Strings(IEnumerable<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(v);
            }
        }

        return builder.Build();
    }

    private static DoubleArray Doubles(IEnumerable<double?> values)
    {
        var builder = new DoubleArray.Builder();
        foreach (var v in values)
        {
            if (v is { } d)
            {
                builder.Append(d);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    private static Int32Array Ints(IEnumerable<int?> values)
    {
        var builder = new Int32Array.Builder();
        foreach (var v in values)
        {
            if (v is { } i)
            {
                builder.Append(i);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    private static ArrowBuffer Offsets(List<int> offsets)
    {
        var builder = new ArrowBuffer.Builder<int>(offsets.Count);
        builder.AppendRange(offsets);
        return builder.Build();
    }

    private static ArrowBuffer Bitmap(bool[] valid)
    {
        var builder = new ArrowBuffer.BitmapBuilder(valid.Length);
        foreach (var v in valid)
        {
            builder.Append(v);
        }

        return builder.Build();
    }
}
