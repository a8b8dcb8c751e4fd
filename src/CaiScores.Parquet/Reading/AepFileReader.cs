using Apache.Arrow;
using CaiScores.Columnar;
using CaiScores.Ingest;
using ParquetSharp.Arrow;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// Reads one AEP Customer AI Parquet file into a <see cref="ScoreTableBuilder"/>: only the needed leaf columns, one row
/// group at a time, low-cardinality strings dictionary-encoded, values handed to a <see cref="ScoreRowWriter"/> without an
/// object per row.
/// </summary>
internal sealed class AepFileReader
{
    // AEP writes row groups of about this many rows: one batch per row group keeps Arrow's per-buffer
    // GC.AddMemoryPressure from forcing three times as many gen2 collections as with 64k batches.
    private const int BatchSize = 256 * 1024;

    private readonly string _path;
    private readonly ScoreTableBuilder _builder;
    private readonly PersonIdSelector _selector;
    private readonly bool _namedNamespace;
    private readonly DictionaryCache<ReadOnlyMemory<byte>> _namespaces = new(static b => b.ToArray());
    private long _rowBase;

    private AepFileReader(string path, ScoreTableBuilder builder, CaiScoresOptions options)
    {
        _path = path;
        _builder = builder;
        _selector = new PersonIdSelector(options.IdentityNamespace);
        _namedNamespace = options.IdentityNamespace is not null;
    }

    public static void Read(string path, ScoreTableBuilder builder, CaiScoresOptions options) =>
        new AepFileReader(path, builder, options).Read();

    private void Read()
    {
        _builder.AddSource(_path);
        AepSchema schema;
        using (var probe = Open(null))
        {
            schema = AepSchema.Read(probe.SchemaManifest, _path);
        }

        var wanted = new List<InstanceReader>();
        var skipped = 0;
        foreach (var leaves in schema.Instances)
        {
            var writer = _builder.GetWriter(leaves.TenantId, leaves.InstanceKey);
            if (writer is null)
            {
                skipped++;
            }
            else
            {
                wanted.Add(new InstanceReader(leaves, writer));
            }
        }

        using var properties = ArrowReaderProperties.GetDefault();
        properties.UseThreads = false;
        properties.BatchSize = BatchSize;
        foreach (var leaf in schema.DictionaryLeaves(wanted.Select(w => w.Leaves)))
        {
            properties.SetReadDictionary(leaf, true);
        }

        using var reader = Open(properties);
        var rows = reader.ParquetReader.FileMetaData.NumRows;

        // A file holds its instance columns for every row: a filtered-out instance skips them all.
        _builder.CountSkippedByFilter(rows * skipped);
        if (wanted.Count == 0)
        {
            _builder.CountDocuments(rows, schema.Instances.Count == 0 ? rows : 0);
            return;
        }

        var leavesToRead = schema.Leaves(wanted.Select(w => w.Leaves)).Distinct().ToArray();
        for (var group = 0; group < reader.NumRowGroups; group++)
        {
            // One reader per row group: dictionary-encoded nested columns cannot span row groups.
            _namespaces.Reset();
            foreach (var instance in wanted)
            {
                instance.ResetDictionaries();
            }

            using var batches = Guard(() => reader.GetRecordBatchReader([group], leavesToRead));
            while (Guard(() => batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult()) is { } batch)
            {
                using (batch)
                {
                    try
                    {
                        ReadBatch(batch, schema, wanted);
                    }
                    catch (System.Text.DecoderFallbackException e)
                    {
                        // A factor code, value or other dictionary string that is not UTF-8: the file is damaged.
                        throw new CaiIngestException(new IngestProblem(_path, _rowBase + 1, null, "a string in this row group is not valid UTF-8 (" + e.Message + ")"), e);
                    }

                    _rowBase += batch.Length;
                }
            }
        }
    }

    private void ReadBatch(RecordBatch batch, AepSchema schema, List<InstanceReader> instances)
    {
        var identity = new IdentityColumns((MapArray)batch.Column("identityMap"));
        var timestamps = schema.Timestamp >= 0 ? (TimestampArray)batch.Column("timestamp") : null;
        foreach (var instance in instances)
        {
            instance.Bind(batch);
        }

        long withoutScores = 0;
        for (var row = 0; row < batch.Length; row++)
        {
            var person = ResolvePerson(identity, row, out var personNamespace);
            var timestamp = timestamps is not null && timestamps.IsValid(row) ? timestamps.GetTimestamp(row) : null;
            var any = false;
            foreach (var instance in instances)
            {
                any |= instance.ReadRow(row, person, personNamespace, timestamp, this);
            }

            withoutScores += any ? 0 : 1;
        }

        _builder.CountDocuments(batch.Length, withoutScores);
    }

    private ReadOnlySpan<byte> ResolvePerson(in IdentityColumns identity, int row, out ReadOnlySpan<byte> personNamespace)
    {
        personNamespace = default;
        var map = identity.Map;
        if (map.IsNull(row))
        {
            return default;
        }

        var entryOffsets = map.ValueOffsets;
        var itemOffsets = identity.ItemLists.ValueOffsets;

        // The usual AEP row: one namespace holding one identity. With no namespace configured that single id is the
        // person (CJA's rule for a single identity), so the selector and its copy are skipped.
        var first = entryOffsets[row];
        if (!_namedNamespace && entryOffsets[row + 1] - first == 1 && !identity.ItemLists.IsNull(first)
            && itemOffsets[first + 1] - itemOffsets[first] == 1 && !identity.Ids.IsNull(itemOffsets[first])
            && !identity.Ids.Bytes(itemOffsets[first]).IsEmpty)
        {
            personNamespace = _namespaces.Get(identity.Keys, first).Span;
            return identity.Ids.Bytes(itemOffsets[first]);
        }

        _selector.Reset();
        for (var entry = entryOffsets[row]; entry < entryOffsets[row + 1]; entry++)
        {
            if (identity.ItemLists.IsNull(entry))
            {
                continue;
            }

            var ns = _namespaces.Get(identity.Keys, entry).Span;
            if (itemOffsets[entry] == itemOffsets[entry + 1])
            {
                // A namespace with no items: the row has an identity map (PersonIdMiss.NoUsableId, as the JSON reader says).
                _selector.Offer(ns, default, false);
            }

            for (var item = itemOffsets[entry]; item < itemOffsets[entry + 1]; item++)
            {
                // A null id is offered as empty: ignored for the id, but the row had an identity item (PersonIdMiss.NoUsableId).
                var primary = identity.Primary is { } flags && flags.GetValue(item) == true;
                _selector.Offer(ns, identity.Ids.IsNull(item) ? default : identity.Ids.Bytes(item), primary);
            }
        }

        return _selector.TryGetPersonId(out var id, out personNamespace) ? id : default;
    }

    /// <summary>Why the current row's person id could not be resolved (<see cref="PersonIdMiss.None"/> when it was).</summary>
    public PersonIdMiss PersonIdMiss => _selector.Miss;

    /// <summary>Rejects an instance's record in <paramref name="row"/> of the current batch, located by file, row and field.</summary>
    public void RejectRow(ScoreRowWriter writer, InstanceLeaves leaves, int row, string field, string problem) =>
        writer.RejectRow(new IngestProblem(_path, _rowBase + row + 1, $"{leaves.Path}.{field}", problem));

    private FileReader Open(ArrowReaderProperties? properties) => Guard(() => new FileReader(_path, null, properties));

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not CaiIngestException and not OutOfMemoryException)
        {
            // ParquetSharp reports a bad file as ParquetException when opening and as a plain Exception while decoding.
            throw ParquetProblems.NotReadable(_path, e);
        }
    }
}
