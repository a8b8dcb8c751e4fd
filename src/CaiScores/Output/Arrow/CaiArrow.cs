using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;

namespace CaiScores.Output;

/// <summary>
/// A <see cref="ResultTable"/> as Apache Arrow: a record batch with one typed, nullable array per column, and the Arrow IPC
/// stream and file formats (read by pandas/pyarrow, polars, DuckDB, R's arrow, Power BI via connectors).
/// </summary>
/// <remarks>
/// <para>Types: <see cref="ResultColumnKind.String"/> → <c>utf8</c>, <see cref="ResultColumnKind.Int64"/> → <c>int64</c>,
/// <see cref="ResultColumnKind.Double"/> → <c>float64</c>, <see cref="ResultColumnKind.Date"/> → <c>date32</c> (days since
/// 1970-01-01), <see cref="ResultColumnKind.Boolean"/> → <c>bool</c>, <see cref="ResultColumnKind.Timestamp"/> →
/// <c>timestamp[us, tz=UTC]</c> (sub-microsecond ticks are truncated). Every field is nullable; a null cell is a cleared
/// validity bit.</para>
/// <para>Metadata: the schema carries <c>cai.table.name</c> and <c>cai.table.title</c>; a field carries
/// <c>cai.description</c> when the column has a description and <c>cai.share</c> = <c>true</c> for shares (fractions 0–1).</para>
/// </remarks>
public static class CaiArrow
{
    /// <summary>The schema metadata key holding <see cref="ResultTable.Name"/>.</summary>
    public const string TableNameKey = "cai.table.name";

    /// <summary>The schema metadata key holding <see cref="ResultTable.Title"/>.</summary>
    public const string TableTitleKey = "cai.table.title";

    /// <summary>The field metadata key holding <see cref="ResultColumn.Description"/> (absent when there is none).</summary>
    public const string DescriptionKey = "cai.description";

    /// <summary>The field metadata key marking a share column (<see cref="ResultColumn.IsShare"/>) with the value <c>true</c>.</summary>
    public const string ShareKey = "cai.share";

    /// <summary>The table as a record batch. The caller owns the batch and disposes it.</summary>
    /// <param name="table">The table.</param>
    /// <returns>A record batch of <see cref="ResultTable.RowCount"/> rows, one array per column, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static RecordBatch ToRecordBatch(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var schema = ToSchema(table);
        var arrays = new List<IArrowArray>(table.Columns.Count);
        try
        {
            foreach (var column in table.Columns)
            {
                arrays.Add(ToArray(column));
            }
        }
        catch
        {
            foreach (var array in arrays)
            {
                array.Dispose();
            }

            throw;
        }

        return new RecordBatch(schema, arrays, table.RowCount);
    }

    /// <summary>The Arrow schema of a table (the fields and metadata of <see cref="ToRecordBatch"/>).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Schema ToSchema(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var builder = new Schema.Builder();
        foreach (var column in table.Columns)
        {
            var metadata = new List<KeyValuePair<string, string>>();
            if (column.Description is { } description)
            {
                metadata.Add(new(DescriptionKey, description));
            }

            if (column.IsShare)
            {
                metadata.Add(new(ShareKey, "true"));
            }

            builder.Field(new Field(column.Name, TypeOf(column.Kind), nullable: true, metadata.Count == 0 ? null : metadata));
        }

        return builder.Metadata(TableNameKey, table.Name).Metadata(TableTitleKey, table.Title).Build();
    }

    /// <summary>Writes the table in the Arrow IPC stream format (one record batch), usually saved as <c>.arrows</c>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="stream"/> is null.</exception>
    public static void WriteStream(ResultTable table, Stream stream) => Write(table, stream, ArrowIpcFormat.Stream);

    /// <summary>Writes the table in the Arrow IPC file format (random access, with a footer), usually saved as <c>.arrow</c> or <c>.feather</c>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="stream"/> is null.</exception>
    public static void WriteFile(ResultTable table, Stream stream) => Write(table, stream, ArrowIpcFormat.File);

    private static void Write(ResultTable table, Stream stream, ArrowIpcFormat format)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        using var batch = ToRecordBatch(table);
        using ArrowStreamWriter writer = format == ArrowIpcFormat.File
            ? new ArrowFileWriter(stream, batch.Schema, leaveOpen: true)
            : new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    private static IArrowType TypeOf(ResultColumnKind kind) => kind switch
    {
        ResultColumnKind.String => StringType.Default,
        ResultColumnKind.Int64 => Int64Type.Default,
        ResultColumnKind.Double => DoubleType.Default,
        ResultColumnKind.Date => Date32Type.Default,
        ResultColumnKind.Boolean => BooleanType.Default,
        _ => Timestamps.ArrowType,
    };

    private static IArrowArray ToArray(ResultColumn column)
    {
        var n = column.Count;
        switch (column.Kind)
        {
            case ResultColumnKind.String:
            {
                var builder = new StringArray.Builder();
                for (var i = 0; i < n; i++)
                {
                    if (column.GetString(i) is { } value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            case ResultColumnKind.Int64:
            {
                var builder = new Int64Array.Builder().Reserve(n);
                for (var i = 0; i < n; i++)
                {
                    builder.Append(column.GetInt64(i));
                }

                return builder.Build();
            }

            case ResultColumnKind.Double:
            {
                var builder = new DoubleArray.Builder().Reserve(n);
                for (var i = 0; i < n; i++)
                {
                    builder.Append(column.GetDouble(i));
                }

                return builder.Build();
            }

            case ResultColumnKind.Date:
            {
                var builder = new Date32Array.Builder().Reserve(n);
                for (var i = 0; i < n; i++)
                {
                    if (column.GetDate(i) is { } value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            case ResultColumnKind.Boolean:
            {
                var builder = new BooleanArray.Builder().Reserve(n);
                for (var i = 0; i < n; i++)
                {
                    if (column.GetBoolean(i) is { } value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            default:
            {
                var builder = new TimestampArray.Builder(Timestamps.ArrowType).Reserve(n);
                for (var i = 0; i < n; i++)
                {
                    if (column.GetTimestamp(i) is { } value)
                    {
                        builder.Append(value);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }
        }
    }
}
