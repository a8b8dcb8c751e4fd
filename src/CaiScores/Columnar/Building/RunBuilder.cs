using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// One run's columns while a table is built: per-person slots grown with the person index, factors appended in arrival
/// order with each person's (start, count) so that a replaced duplicate's factors are simply no longer referenced.
/// </summary>
internal sealed class RunBuilder(DateOnly scoreDate, int capacity, int expectedPersons)
{
    private double[] _scores = new double[capacity];
    private double[] _probabilities = new double[capacity];
    private short[] _percentiles = new short[capacity];
    private byte[] _presence = new byte[Bitmaps.ByteLength(capacity)];
    private byte[] _scoreValidity = new byte[Bitmaps.ByteLength(capacity)];
    private byte[] _probabilityValidity = new byte[Bitmaps.ByteLength(capacity)];
    private byte[] _percentileValidity = new byte[Bitmaps.ByteLength(capacity)];
    private long[]? _timestamps;
    private byte[]? _timestampValidity;
    private TimestampMode _timestampMode;
    private long _sharedTimestamp;
    private int[] _factorStart = new int[capacity];
    private int[] _factorCount = new int[capacity];

    // Customer AI writes five influential factors per record: start there (for the persons known so far) rather than
    // doubling up to it, and close enough to the final size that the arrays need no trimming copy.
    private int[] _codes = new int[Math.Max(16, expectedPersons * 5)];
    private int[] _values = new int[Math.Max(16, expectedPersons * 5)];
    private byte[] _importance = new byte[Math.Max(16, expectedPersons * 5)];
    private int _factorRows;
    private int _liveFactorRows;
    private int _current = -1;

    public DateOnly ScoreDate { get; } = scoreDate;

    public string? ModelType { get; private set; }

    public long ModelTypeConflicts { get; private set; }

    public void Grow(int capacity)
    {
        Array.Resize(ref _scores, capacity);
        Array.Resize(ref _probabilities, capacity);
        Array.Resize(ref _percentiles, capacity);
        var bytes = Bitmaps.ByteLength(capacity);
        Array.Resize(ref _presence, bytes);
        Array.Resize(ref _scoreValidity, bytes);
        Array.Resize(ref _probabilityValidity, bytes);
        Array.Resize(ref _percentileValidity, bytes);
        if (_timestamps is not null)
        {
            Array.Resize(ref _timestamps, capacity);
            Array.Resize(ref _timestampValidity, bytes);
        }

        Array.Resize(ref _factorStart, capacity);
        Array.Resize(ref _factorCount, capacity);
    }

    public bool IsPresent(int person) => Bitmaps.Get(_presence, person);

    /// <summary>How the run's timestamps are held while it is built: one shared value until two rows differ.</summary>
    private enum TimestampMode
    {
        NoRows,
        AllEqual,
        AllNull,
        PerRow,
    }

    /// <summary>The stored row's timestamp, for duplicate resolution (null when it had none).</summary>
    public long? TimestampOf(int person) => _timestampMode switch
    {
        TimestampMode.AllEqual => _sharedTimestamp,
        TimestampMode.PerRow when Bitmaps.Get(_timestampValidity!, person) => _timestamps![person],
        _ => null,
    };

    /// <summary>Writes (or overwrites) the person's row; the factors that follow belong to it.</summary>
    public void SetRow(int person, double? score, double? probability, short? percentile, long? timestamp, string? modelType)
    {
        var replacing = IsPresent(person);
        Bitmaps.Set(_presence, person);
        SetValue(_scores, _scoreValidity, person, score);
        SetValue(_probabilities, _probabilityValidity, person, probability);
        if (percentile is { } pct)
        {
            _percentiles[person] = pct;
            Bitmaps.Set(_percentileValidity, person);
        }
        else
        {
            _percentiles[person] = 0;
            Bitmaps.Clear(_percentileValidity, person);
        }

        SetTimestamp(person, timestamp);

        if (modelType is not null)
        {
            if (ModelType is null)
            {
                ModelType = modelType;
            }
            else if (!string.Equals(ModelType, modelType, StringComparison.Ordinal))
            {
                ModelTypeConflicts++;
            }
        }

        if (replacing)
        {
            _liveFactorRows -= _factorCount[person];
        }

        _factorStart[person] = _factorRows;
        _factorCount[person] = 0;
        _current = person;
    }

    private void SetTimestamp(int person, long? timestamp)
    {
        switch (_timestampMode)
        {
            case TimestampMode.NoRows:
                (_timestampMode, _sharedTimestamp) = timestamp is { } first ? (TimestampMode.AllEqual, first) : (TimestampMode.AllNull, 0);
                return;
            case TimestampMode.AllEqual when timestamp == _sharedTimestamp:
            case TimestampMode.AllNull when timestamp is null:
                return;
            case TimestampMode.AllEqual or TimestampMode.AllNull:
                // The first row that differs: give every row stored so far (this one included) its value explicitly.
                _timestamps = new long[_scores.Length];
                _timestampValidity = new byte[_presence.Length];
                if (_timestampMode == TimestampMode.AllEqual)
                {
                    for (var p = 0; p < _scores.Length; p++)
                    {
                        if (Bitmaps.Get(_presence, p))
                        {
                            _timestamps[p] = _sharedTimestamp;
                            Bitmaps.Set(_timestampValidity, p);
                        }
                    }
                }

                _timestampMode = TimestampMode.PerRow;
                break;
        }

        if (timestamp is { } ts)
        {
            _timestamps![person] = ts;
            Bitmaps.Set(_timestampValidity!, person);
        }
        else
        {
            _timestamps![person] = 0;
            Bitmaps.Clear(_timestampValidity!, person);
        }
    }

    public void AddFactor(int code, int value, Importance importance)
    {
        if (_factorRows == _codes.Length)
        {
            var size = checked(_codes.Length * 2);
            Array.Resize(ref _codes, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _importance, size);
        }

        _codes[_factorRows] = code;
        _values[_factorRows] = value;
        _importance[_factorRows] = (byte)importance;
        _factorRows++;
        _liveFactorRows++;
        _factorCount[_current]++;
    }

    /// <summary>The final columns at exactly <paramref name="persons"/> slots; this builder is spent afterwards.</summary>
    public RunColumns Build(int persons)
    {
        var bytes = Bitmaps.ByteLength(persons);
        var presence = Exact(_presence, bytes);
        DateTimeOffset? uniform = null;
        long[]? timestamps = null;
        byte[]? timestampValidity = null;
        if (_timestampMode == TimestampMode.AllEqual)
        {
            uniform = Timestamps.FromMicros(_sharedTimestamp);
        }
        else if (_timestampMode == TimestampMode.PerRow && AnyTimestamp(presence, persons))
        {
            if (IsUniform(presence, persons, out var value))
            {
                uniform = Timestamps.FromMicros(value);
            }
            else
            {
                timestamps = Exact(_timestamps!, persons);
                timestampValidity = Exact(_timestampValidity!, bytes);
            }
        }

        _timestamps = null;
        var (offsets, codes, values, importance) = BuildFactors(persons);
        return new RunColumns
        {
            Scores = Exact(_scores, persons),
            Probabilities = Exact(_probabilities, persons),
            Percentiles = Exact(_percentiles, persons),
            Presence = presence,
            ScoreValidity = Exact(_scoreValidity, bytes),
            ProbabilityValidity = Exact(_probabilityValidity, bytes),
            PercentileValidity = Exact(_percentileValidity, bytes),
            Timestamps = timestamps,
            TimestampValidity = timestampValidity,
            UniformTimestamp = uniform,
            ModelType = ModelType,
            FactorOffsets = offsets,
            FactorCodes = codes,
            FactorValues = values,
            FactorImportance = importance,
        };
    }

    /// <summary>Whether any present person carries a timestamp (a run whose replacements left none has no timestamps).</summary>
    private bool AnyTimestamp(byte[] presence, int persons)
    {
        for (var p = 0; p < persons; p++)
        {
            if (Bitmaps.Get(presence, p) && Bitmaps.Get(_timestampValidity!, p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every present person carries the same non-null timestamp.</summary>
    private bool IsUniform(byte[] presence, int persons, out long value)
    {
        value = 0;
        var first = true;
        for (var p = 0; p < persons; p++)
        {
            if (!Bitmaps.Get(presence, p))
            {
                continue;
            }

            if (!Bitmaps.Get(_timestampValidity!, p))
            {
                return false;
            }

            if (first)
            {
                value = _timestamps![p];
                first = false;
            }
            else if (_timestamps![p] != value)
            {
                return false;
            }
        }

        return !first;
    }

    /// <summary>Gathers the live factor rows into person order (CSR), unless they already are (persons arrived in index order, no duplicates).</summary>
    private (int[] Offsets, int[] Codes, int[] Values, byte[] Importance) BuildFactors(int persons)
    {
        var offsets = new int[persons + 1];
        if (_liveFactorRows == _factorRows && InPersonOrder(persons, offsets))
        {
            var result = (offsets, Exact(_codes, _factorRows), Exact(_values, _factorRows), Exact(_importance, _factorRows));
            _codes = _values = _factorStart = _factorCount = [];
            _importance = [];
            return result;
        }

        var codes = new int[_liveFactorRows];
        var values = new int[_liveFactorRows];
        var importance = new byte[_liveFactorRows];
        var at = 0;
        for (var p = 0; p < persons; p++)
        {
            offsets[p] = at;
            if (!Bitmaps.Get(_presence, p))
            {
                continue;
            }

            var n = _factorCount[p];
            if (n > 0)
            {
                var from = _factorStart[p];
                _codes.AsSpan(from, n).CopyTo(codes.AsSpan(at));
                _values.AsSpan(from, n).CopyTo(values.AsSpan(at));
                _importance.AsSpan(from, n).CopyTo(importance.AsSpan(at));
                at += n;
            }
        }

        offsets[persons] = at;
        _codes = _values = _factorStart = _factorCount = [];
        _importance = [];
        return (offsets, codes, values, importance);
    }

    /// <summary>Whether each present person's factors start where the previous one's ended; fills the offsets on the way.</summary>
    private bool InPersonOrder(int persons, int[] offsets)
    {
        var at = 0;
        for (var p = 0; p < persons; p++)
        {
            offsets[p] = at;
            if (Bitmaps.Get(_presence, p) && _factorCount[p] > 0)
            {
                if (_factorStart[p] != at)
                {
                    return false;
                }

                at += _factorCount[p];
            }
        }

        offsets[persons] = at;
        return at == _factorRows;
    }

    private static void SetValue(double[] values, byte[] validity, int person, double? value)
    {
        if (value is { } v)
        {
            values[person] = v;
            Bitmaps.Set(validity, person);
        }
        else
        {
            values[person] = 0;
            Bitmaps.Clear(validity, person);
        }
    }

    /// <summary>The array cut to <paramref name="length"/> when it is more than an eighth longer (else kept: spans and Arrow views stop at the length).</summary>
    private static T[] Exact<T>(T[] array, int length)
    {
        if (array.Length >= length && array.Length - length <= length / 8)
        {
            return array;
        }

        var exact = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan(0, Math.Min(length, array.Length)).CopyTo(exact);
        if (length > array.Length)
        {
            exact.AsSpan(array.Length).Clear();
        }

        return exact;
    }
}
