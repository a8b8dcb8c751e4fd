using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Models;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// One wanted instance of an AEP file: its columns in the current batch, bound once per batch, and its dictionary caches;
/// reads the instance's record in a row into its <see cref="ScoreRowWriter"/>.
/// </summary>
internal sealed class InstanceReader(InstanceLeaves leaves, ScoreRowWriter writer)
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

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
    public bool ReadRow(int row, ReadOnlySpan<byte> person, ReadOnlySpan<byte> personNamespace, DateTimeOffset? timestamp, AepFileReader file)
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
        if (person.IsEmpty)
        {
            writer.DropRow(file.PersonIdMiss);
            return true;
        }

        if (!writer.AddRow(person, personNamespace, scoreDate, timestamp, _scores.Get(row), _probabilities.Get(row), percentile, modelType))
        {
            return true;
        }

        if (_factors is null || _factors.IsNull(row))
        {
            writer.CountNullFactorList();
            return true;
        }

        var offsets = _factors.ValueOffsets;
        if (offsets[row] == offsets[row + 1])
        {
            writer.CountEmptyFactorList();
        }

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

    private readonly record struct ScoreDateValue(bool Valid, DateOnly Date);
}
