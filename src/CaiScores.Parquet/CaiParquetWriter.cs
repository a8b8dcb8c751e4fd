using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Outcomes;
using ParquetSharp;
using ParquetSharp.Arrow;
using static CaiScores.Parquet.Writing.ArrowColumns;
using static CaiScores.Parquet.Writing.XdmColumns;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;

namespace CaiScores.Parquet;

/// <summary>
/// Writes Customer AI scores as Adobe Experience Platform exports them (<c>part-*.snappy.parquet</c>), and person attributes
/// and outcomes as the flat files <see cref="ParquetAttributeReader"/> and <see cref="ParquetOutcomeReader"/> read: for
/// demos, tests, and handing data to other Parquet tools.
/// </summary>
/// <remarks>
/// <para>Scores (<see cref="Write"/>): nested XDM structs <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c> with <c>score</c>
/// (double), <c>probability</c> (double), <c>percentileScore</c> (int32), <c>scoreDate</c>, <c>modelType</c> (strings) and
/// <c>influentialFactors</c> (list of {code, value, importance}); <c>identityMap</c> as map&lt;string, list&lt;{id,
/// authenticatedState, primary}&gt;&gt;; <c>_id</c>; the Experience Event <c>timestamp</c> (microseconds, UTC) unless
/// <see cref="Timestamps"/> is off. A record of another instance leaves an instance's struct null; an empty factor list
/// and an empty identity map are written as null, as AEP does. <see cref="CaiParquet.Load(string, CaiScoresOptions?)"/> reads
/// the file back into the same table.</para>
/// <para>Every file is snappy-compressed and written <see cref="RowGroupSize"/> rows per row group. Values are written as
/// they are (no validation: the readers report what is wrong).</para>
/// </remarks>
public sealed class CaiParquetWriter
{
    /// <summary>The XDM identity item struct (also used by the benchmarks' dataset generator).</summary>
    internal static readonly StructType IdentityItem = new([
        new Field("id", StringType.Default, true),
        new Field("authenticatedState", StringType.Default, true),
        new Field("primary", BooleanType.Default, true),
    ]);

    /// <summary>AEP's <c>identityMap</c>: namespace → list of identity items.</summary>
    internal static readonly MapType IdentityMap = new(
        new Field("key", StringType.Default, false),
        new Field("value", new ListType(new Field("element", IdentityItem, true)), true),
        keySorted: false);

    /// <summary>An influential factor struct (<c>code</c>, <c>value</c>, <c>importance</c>).</summary>
    internal static readonly StructType Factor = new([
        new Field("code", StringType.Default, true),
        new Field("value", StringType.Default, true),
        new Field("importance", StringType.Default, true),
    ]);

    /// <summary>AEP's timestamps: microseconds, UTC.</summary>
    internal static readonly TimestampType Micros = new(ArrowTimeUnit.Microsecond, "UTC");

    /// <summary>Rows per row group.</summary>
    /// <value>Default 65,536; at least 1 (checked when writing).</value>
    public int RowGroupSize { get; init; } = 65_536;

    /// <summary>Whether <see cref="Write"/> writes the Experience Event <c>timestamp</c> column.</summary>
    /// <value>Default <see langword="true"/> (the EE format); false for the profile format.</value>
    public bool Timestamps { get; init; } = true;

    /// <summary>Instance fields to leave out of the schema (e.g. "probability"), to test missing columns.</summary>
    internal IReadOnlySet<string> OmitFields { get; init; } = new HashSet<string>();

    /// <summary>Write <c>score</c> as text instead of double, to test a wrong column type.</summary>
    internal bool ScoreAsText { get; init; }

    /// <summary>Leave out the identity map column.</summary>
    internal bool OmitIdentityMap { get; init; }

    /// <summary>Writes score records to one AEP-shaped Parquet file, replacing it if it exists.</summary>
    /// <param name="path">The file to write (by AEP's convention <c>part-00000-….snappy.parquet</c>).</param>
    /// <param name="records">The records, of any tenants and instances (one struct column per tenant, one field per
    /// instance). Enumerated twice, so a lazy sequence such as <see cref="Samples.CaiSampleData.Generate"/> is never held in
    /// memory: once for the instances (the schema), once to write, one row group at a time.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <see cref="RowGroupSize"/> is less than 1.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public long Write(string path, IEnumerable<CaiScoreRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(records);
        CheckRowGroupSize();
        var seen = new HashSet<(string TenantId, string InstanceKey)>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            seen.Add((record.TenantId, record.InstanceKey));
        }

        var instances = seen.OrderBy(i => i.TenantId, StringComparer.Ordinal).ThenBy(i => i.InstanceKey, StringComparer.Ordinal).ToArray();
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
        long written = 0;
        foreach (var chunk in Chunks(records, RowGroupSize))
        {
            written += chunk.Length;
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
        return written;
    }

    /// <summary>
    /// Writes person attributes as a flat Parquet file <see cref="ParquetAttributeReader"/> reads: a <c>personId</c> column,
    /// a <c>validFrom</c> date column when a record has a date, and one string column per attribute name (in order of first
    /// appearance); one row per person and date, a missing value as null.
    /// </summary>
    /// <param name="path">The file to write; replaced if it exists.</param>
    /// <param name="attributes">The records (held in memory to pivot them into rows). When a person, date and name occur
    /// twice, the later value is written.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, an attribute is named <c>personId</c> or
    /// <c>validFrom</c> (any case), or <see cref="RowGroupSize"/> is less than 1.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public long WriteAttributes(string path, IEnumerable<PersonAttributeRecord> attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(attributes);
        CheckRowGroupSize();
        var names = new List<string>();
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(string Person, DateOnly? ValidFrom, Dictionary<int, string?> Values)>();
        var rowIndex = new Dictionary<(string, DateOnly?), int>();
        foreach (var record in attributes)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(attributes));
            if (record.Name.Equals("personId", StringComparison.OrdinalIgnoreCase) || record.Name.Equals("validFrom", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"An attribute cannot be named '{record.Name}': the name is the file's key column.", nameof(attributes));
            }

            if (!nameIndex.TryGetValue(record.Name, out var column))
            {
                nameIndex[record.Name] = column = names.Count;
                names.Add(record.Name);
            }

            if (!rowIndex.TryGetValue((record.PersonId, record.ValidFrom), out var row))
            {
                rowIndex[(record.PersonId, record.ValidFrom)] = row = rows.Count;
                rows.Add((record.PersonId, record.ValidFrom, []));
            }

            rows[row].Values[column] = record.Value;
        }

        var dated = rows.Exists(r => r.ValidFrom is not null);
        var fields = new List<Field> { new("personId", StringType.Default, false) };
        if (dated)
        {
            fields.Add(new Field("validFrom", Date32Type.Default, true));
        }

        fields.AddRange(names.Select(n => new Field(n, StringType.Default, true)));
        var schema = new Schema(fields, null);
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new FileWriter(path, schema, properties);
        foreach (var chunk in Chunks(rows, RowGroupSize))
        {
            var columns = new List<IArrowArray> { Strings(chunk.Select(r => r.Person)) };
            if (dated)
            {
                var dates = new Date32Array.Builder();
                foreach (var r in chunk)
                {
                    if (r.ValidFrom is { } d)
                    {
                        dates.Append(d);
                    }
                    else
                    {
                        dates.AppendNull();
                    }
                }

                columns.Add(dates.Build());
            }

            for (var c = 0; c < names.Count; c++)
            {
                columns.Add(Strings(chunk.Select(r => r.Values.GetValueOrDefault(c))));
            }

            using var batch = new RecordBatch(schema, columns, chunk.Length);
            writer.WriteRecordBatch(batch, RowGroupSize);
        }

        writer.Close();
        return rows.Count;
    }

    /// <summary>
    /// Writes outcomes (success events) as a flat Parquet file <see cref="ParquetOutcomeReader"/> reads: <c>personId</c>
    /// (string), <c>timestamp</c> (microseconds, UTC) and <c>value</c> (double, null for none), one row per record in order.
    /// </summary>
    /// <param name="path">The file to write; replaced if it exists.</param>
    /// <param name="outcomes">The records; enumerated once, one row group at a time.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <see cref="RowGroupSize"/> is less than 1.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public long WriteOutcomes(string path, IEnumerable<OutcomeRecord> outcomes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(outcomes);
        CheckRowGroupSize();
        var schema = new Schema(
            [new Field("personId", StringType.Default, false), new Field("timestamp", Micros, false), new Field("value", DoubleType.Default, true)],
            null);
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new FileWriter(path, schema, properties);
        long written = 0;
        foreach (var chunk in Chunks(outcomes, RowGroupSize))
        {
            var timestamps = new TimestampArray.Builder(Micros);
            foreach (var record in chunk)
            {
                ArgumentNullException.ThrowIfNull(record, nameof(outcomes));
                timestamps.Append(record.Timestamp);
            }

            written += chunk.Length;
            using var batch = new RecordBatch(schema, [Strings(chunk.Select(r => r.PersonId)), timestamps.Build(), Doubles(chunk.Select(r => r.Value))], chunk.Length);
            writer.WriteRecordBatch(batch, RowGroupSize);
        }

        writer.Close();
        return written;
    }

    /// <summary>The items in arrays of at most <paramref name="size"/>; one empty array for no items (an empty file still has its schema).</summary>
    private static IEnumerable<T[]> Chunks<T>(IEnumerable<T> items, int size)
    {
        var any = false;
        foreach (var chunk in items.Chunk(size))
        {
            any = true;
            yield return chunk;
        }

        if (!any)
        {
            yield return [];
        }
    }

    private void CheckRowGroupSize()
    {
        if (RowGroupSize < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RowGroupSize must be at least 1, got {RowGroupSize}."), nameof(RowGroupSize));
        }
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
                "score" when ScoreAsText => Strings(mine.Select(r => r?.Score?.ToString(CultureInfo.InvariantCulture))),
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
}
