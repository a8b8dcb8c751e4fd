using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
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
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

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

        var wanted = new List<InstanceState>();
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
                wanted.Add(new InstanceState(leaves, writer));
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

    private void ReadBatch(RecordBatch batch, AepSchema schema, List<InstanceState> instances)
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
            var person = ResolvePerson(identity, row);
            var timestamp = timestamps is not null && timestamps.IsValid(row) ? timestamps.GetTimestamp(row) : null;
            var any = false;
            foreach (var instance in instances)
            {
                any |= instance.ReadRow(row, person, timestamp, this);
            }

            withoutScores += any ? 0 : 1;
        }

        _builder.CountDocuments(batch.Length, withoutScores);
    }

    private ReadOnlySpan<byte> ResolvePerson(in IdentityColumns identity, int row)
    {
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
            && itemOffsets[first + 1] - itemOffsets[first] == 1 && !identity.Ids.IsNull(itemOffsets[first]))
        {
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
            for (var item = itemOffsets[entry]; item < itemOffsets[entry + 1]; item++)
            {
                if (identity.Ids.IsNull(item))
                {
                    continue;
                }

                var primary = identity.Primary is { } flags && flags.GetValue(item) == true;
                _selector.Offer(ns, identity.Ids.Bytes(item), primary);
            }
        }

        return _selector.TryGetPersonId(out var id) ? id : default;
    }

    private void RejectRow(ScoreRowWriter writer, InstanceLeaves leaves, int row, string field, string problem) =>
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
            throw new CaiIngestException(new IngestProblem(_path, null, null, "not a readable Parquet file: " + e.Message), e);
        }
    }

    private readonly struct IdentityColumns
    {
        public IdentityColumns(MapArray map)
        {
            Map = map;
            Keys = new Utf8Column(map.KeyValues.Fields[0]);
            ItemLists = (ListArray)map.KeyValues.Fields[1];
            var items = (StructArray)ItemLists.Values;
            var type = (StructType)items.Data.DataType;
            Ids = new Utf8Column(items.Fields[type.GetFieldIndex("id")]);
            var primary = type.GetFieldIndex("primary");
            Primary = primary >= 0 ? (BooleanArray)items.Fields[primary] : null;
        }

        public MapArray Map { get; }

        public Utf8Column Keys { get; }

        public ListArray ItemLists { get; }

        public Utf8Column Ids { get; }

        public BooleanArray? Primary { get; }
    }

    /// <summary>One instance's columns in the current batch, and its dictionary caches.</summary>
    private sealed class InstanceState(InstanceLeaves leaves, ScoreRowWriter writer)
    {
        private readonly DictionaryCache<ScoreDateValue> _dates = new(ParseDate);
        private readonly DictionaryCache<string> _modelTypes = new(static b => System.Text.Encoding.UTF8.GetString(b));
        private readonly DictionaryCache<int> _codes = new(writer.GetFactorCodeId);
        private readonly DictionaryCache<int> _values = new(writer.GetFactorValueId);
        private readonly DictionaryCache<Importance?> _importance = new(ParseImportance);
        private StructArray? _instance;
        private StructArray? _customerAI;
        private StructArray? _tenant;
        private IArrowArray? _score;
        private IArrowArray? _probability;
        private IArrowArray? _percentile;
        private IArrowArray? _scoreDate;
        private Utf8Column _scoreDateText;
        private Utf8Column _modelType;
        private bool _hasModelType;
        private ListArray? _factors;
        private StructArray? _factorElements;
        private Utf8Column _code;
        private Utf8Column _value;
        private Utf8Column _importanceColumn;
        private bool _hasValue;
        private bool _hasImportance;
        private bool _structsAllValid;
        private DoubleColumn _scores;
        private DoubleColumn _probabilities;
        private int[]? _codeMap;
        private int[]? _valueMap;
        private Importance?[]? _importanceMap;

        public InstanceLeaves Leaves { get; } = leaves;

        public void ResetDictionaries()
        {
            _dates.Reset();
            _modelTypes.Reset();
            _codes.Reset();
            _values.Reset();
            _importance.Reset();
        }

        public void Bind(RecordBatch batch)
        {
            _tenant = (StructArray)batch.Column("_" + Leaves.TenantId);
            _customerAI = (StructArray)Field(_tenant, "CustomerAI")!;
            _instance = (StructArray)Field(_customerAI, Leaves.InstanceKey)!;
            _structsAllValid = _tenant.NullCount == 0 && _customerAI.NullCount == 0 && _instance.NullCount == 0;
            _score = Field(_instance, "score");
            _probability = Field(_instance, "probability");
            _scores = new DoubleColumn(_score);
            _probabilities = new DoubleColumn(_probability);
            _percentile = Field(_instance, "percentileScore");
            _scoreDate = Field(_instance, "scoreDate");
            if (_scoreDate is StringArray or DictionaryArray)
            {
                _scoreDateText = new Utf8Column(_scoreDate);
            }

            var modelType = Field(_instance, "modelType");
            _hasModelType = modelType is not null;
            if (modelType is not null)
            {
                _modelType = new Utf8Column(modelType);
            }

            _factors = Field(_instance, "influentialFactors") as ListArray;
            if (_factors is not null)
            {
                var element = (StructArray)_factors.Values;
                _factorElements = element;
                _code = new Utf8Column(Field(element, "code")!);
                var value = Field(element, "value");
                _hasValue = value is not null;
                if (value is not null)
                {
                    _value = new Utf8Column(value);
                }

                var importance = Field(element, "importance");
                _hasImportance = importance is not null;
                if (importance is not null)
                {
                    _importanceColumn = new Utf8Column(importance);
                }

                // Each batch's small dictionaries mapped to ids once; a factor is then three array lookups.
                _codeMap = _code.IsDictionary ? _codes.MapAll(_code) : null;
                _valueMap = _hasValue && _value.IsDictionary ? _values.MapAll(_value) : null;
                _importanceMap = _hasImportance && _importanceColumn.IsDictionary ? _importance.MapAll(_importanceColumn) : null;
            }
        }

        /// <summary>Reads the instance's record in this row, if the row has one; true when it had.</summary>
        public bool ReadRow(int row, ReadOnlySpan<byte> person, DateTimeOffset? timestamp, AepFileReader file)
        {
            if (!_structsAllValid && (_tenant!.IsNull(row) || _customerAI!.IsNull(row) || _instance!.IsNull(row)))
            {
                return false;
            }

            DateOnly? scoreDate = null;
            if (_scoreDate is not null && _scoreDate.IsValid(row))
            {
                if (_scoreDate is Date32Array days)
                {
                    scoreDate = DateOnly.FromDayNumber(EpochDay + days.Values[row]);
                }
                else
                {
                    var parsed = _dates.Get(_scoreDateText, row);
                    if (!parsed.Valid)
                    {
                        file.RejectRow(writer, Leaves, row, "scoreDate", $"'{System.Text.Encoding.UTF8.GetString(_scoreDateText.Bytes(row))}' is not a date (expected yyyy-MM-dd, 'yyyy-MM-dd HH:mm:ss' or ISO 8601)");
                        return true;
                    }

                    scoreDate = parsed.Date;
                }
            }

            int? percentile = null;
            if (_percentile is not null && _percentile.IsValid(row))
            {
                var value = _percentile switch
                {
                    Int32Array a => a.Values[row],
                    Int64Array a => a.Values[row],
                    Int16Array a => a.Values[row],
                    _ => ((Int8Array)_percentile).Values[row],
                };
                if (value is < int.MinValue or > int.MaxValue)
                {
                    file.RejectRow(writer, Leaves, row, "percentileScore", string.Create(CultureInfo.InvariantCulture, $"{value} is not an integer percentile"));
                    return true;
                }

                percentile = (int)value;
            }

            if (!person.IsEmpty && !System.Text.Unicode.Utf8.IsValid(person))
            {
                file.RejectRow(writer, Leaves, row, "identityMap", "the person id is not valid UTF-8");
                return true;
            }

            if (_factors is not null && _factorElements!.NullCount > 0 && !_factors.IsNull(row))
            {
                for (var f = _factors.ValueOffsets[row]; f < _factors.ValueOffsets[row + 1]; f++)
                {
                    if (_factorElements.IsNull(f))
                    {
                        file.RejectRow(writer, Leaves, row, "influentialFactors", string.Create(CultureInfo.InvariantCulture, $"factor {f - _factors.ValueOffsets[row]} is null, not a factor {{ code, value, importance }}"));
                        return true;
                    }
                }
            }

            var modelType = _hasModelType && !_modelType.IsNull(row) ? _modelTypes.Get(_modelType, row) : null;
            if (!writer.AddRow(person, scoreDate, timestamp, _scores.Get(row), _probabilities.Get(row), percentile, modelType))
            {
                return true;
            }

            if (_factors is null || _factors.IsNull(row))
            {
                writer.CountNullFactorList();
                return true;
            }

            var offsets = _factors.ValueOffsets;
            for (var f = offsets[row]; f < offsets[row + 1]; f++)
            {
                var code = _code.IsNull(f) ? -1 : _codeMap is { } codes ? codes[_code.Index(f)] : _codes.Get(_code, f);
                var value = !_hasValue || _value.IsNull(f) ? -1 : _valueMap is { } values ? values[_value.Index(f)] : _values.Get(_value, f);
                var importance = Importance.Unspecified;
                if (_hasImportance && !_importanceColumn.IsNull(f))
                {
                    if ((_importanceMap is { } importances ? importances[_importanceColumn.Index(f)] : _importance.Get(_importanceColumn, f)) is { } known)
                    {
                        importance = known;
                    }
                    else
                    {
                        writer.CountUnknownImportance();
                    }
                }

                writer.AddFactor(code, value, importance);
            }

            return true;
        }


        private static IArrowArray? Field(StructArray parent, string name)
        {
            var index = ((StructType)parent.Data.DataType).GetFieldIndex(name);
            return index < 0 ? null : parent.Fields[index];
        }

        private static ScoreDateValue ParseDate(ReadOnlySpan<byte> utf8) =>
            ScoreDates.TryParse(System.Text.Encoding.UTF8.GetString(utf8), out var date) ? new ScoreDateValue(true, date) : default;

        private static Importance? ParseImportance(ReadOnlySpan<byte> utf8) =>
            System.Text.Encoding.UTF8.GetString(utf8).ToUpperInvariant() switch
            {
                "LOW" => Importance.Low,
                "MEDIUM" => Importance.Medium,
                "HIGH" => Importance.High,
                _ => null,
            };
    }

    private readonly record struct ScoreDateValue(bool Valid, DateOnly Date);

    /// <summary>A double or float column of one batch, its type and null count looked at once rather than per row.</summary>
    private readonly struct DoubleColumn
    {
        private readonly DoubleArray? _doubles;
        private readonly FloatArray? _floats;
        private readonly bool _allValid;

        public DoubleColumn(IArrowArray? array)
        {
            _doubles = array as DoubleArray;
            _floats = array as FloatArray;
            _allValid = array is not null && array.NullCount == 0;
        }

        public double? Get(int row)
        {
            if (_doubles is { } d)
            {
                return _allValid || d.IsValid(row) ? d.Values[row] : null;
            }

            if (_floats is { } f)
            {
                return _allValid || f.IsValid(row) ? f.Values[row] : null;
            }

            return null;
        }
    }
}
