using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// One scoring run of a <see cref="ScoreTable"/>: a column per field, one slot per person of the table's person index, so
/// that person <c>p</c>'s score in this run is <c>Scores[p]</c> — aligning a person across runs is an array lookup.
/// </summary>
/// <remarks>
/// <para>A slot whose person was not scored in this run has its <see cref="Presence"/> bit clear; a present person may
/// still have a null score ("No value"). Null slots hold 0 in the value spans; read the validity bitmaps (Arrow layout,
/// least significant bit first) to tell them apart. A validity bit is set only for present persons.</para>
/// <para>Values are stored at full width: scores and probabilities as the <see cref="double"/>s that were read (so a bucket
/// decided on the table equals the one decided on the source value), percentiles as 16-bit integers.</para>
/// <para>Influential factors are exploded in person order: the factors of person <c>p</c> are the entries
/// <c>FactorOffsets[p]</c> to <c>FactorOffsets[p + 1]</c> of <see cref="FactorCodes"/>, <see cref="FactorValues"/> and
/// <see cref="FactorImportance"/>, with codes and values as ids into the table's dictionaries (−1 for a null code or value).</para>
/// </remarks>
public sealed class ScoreRun
{
    private readonly double[] _scores;
    private readonly double[] _probabilities;
    private readonly short[] _percentiles;
    private readonly byte[] _presence;
    private readonly byte[] _scoreValidity;
    private readonly byte[] _probabilityValidity;
    private readonly byte[] _percentileValidity;
    private readonly long[]? _timestamps;
    private readonly byte[]? _timestampValidity;
    private readonly int[] _factorOffsets;
    private readonly int[] _factorCodes;
    private readonly int[] _factorValues;
    private readonly byte[] _factorImportance;

    internal ScoreRun(int index, DateOnly scoreDate, int personCount, RunColumns columns)
    {
        Index = index;
        ScoreDate = scoreDate;
        PersonCount = personCount;
        _scores = columns.Scores;
        _probabilities = columns.Probabilities;
        _percentiles = columns.Percentiles;
        _presence = columns.Presence;
        _scoreValidity = columns.ScoreValidity;
        _probabilityValidity = columns.ProbabilityValidity;
        _percentileValidity = columns.PercentileValidity;
        _timestamps = columns.Timestamps;
        _timestampValidity = columns.TimestampValidity;
        UniformTimestamp = columns.UniformTimestamp;
        ModelType = columns.ModelType;
        _factorOffsets = columns.FactorOffsets;
        _factorCodes = columns.FactorCodes;
        _factorValues = columns.FactorValues;
        _factorImportance = columns.FactorImportance;
        PresentCount = Bitmaps.PopCount(_presence, personCount);
    }

    /// <summary>The run's position in the table, 0 for the earliest score date.</summary>
    public int Index { get; }

    /// <summary>The run's score date (its run key).</summary>
    public DateOnly ScoreDate { get; }

    /// <summary>The length of every per-person column: the table's person count.</summary>
    public int PersonCount { get; }

    /// <summary>The persons scored in this run (rows of the source).</summary>
    public int PresentCount { get; }

    /// <summary>The run's <c>modelType</c> (the first one read; see <see cref="ScoreTableDiagnostics.ModelTypeConflicts"/>).</summary>
    public string? ModelType { get; }

    /// <summary>Whether each person was scored in this run (bitmap).</summary>
    public ReadOnlySpan<byte> Presence => _presence.AsSpan(0, Bitmaps.ByteLength(PersonCount));

    /// <summary>Scores (0 where null).</summary>
    public ReadOnlySpan<double> Scores => _scores.AsSpan(0, PersonCount);

    /// <summary>Which scores are non-null (bitmap).</summary>
    public ReadOnlySpan<byte> ScoreValidity => _scoreValidity.AsSpan(0, Bitmaps.ByteLength(PersonCount));

    /// <summary>Probabilities (0 where null).</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities.AsSpan(0, PersonCount);

    /// <summary>Which probabilities are non-null (bitmap).</summary>
    public ReadOnlySpan<byte> ProbabilityValidity => _probabilityValidity.AsSpan(0, Bitmaps.ByteLength(PersonCount));

    /// <summary>Percentile scores (0 where null).</summary>
    public ReadOnlySpan<short> Percentiles => _percentiles.AsSpan(0, PersonCount);

    /// <summary>Which percentiles are non-null (bitmap).</summary>
    public ReadOnlySpan<byte> PercentileValidity => _percentileValidity.AsSpan(0, Bitmaps.ByteLength(PersonCount));

    /// <summary>
    /// The one Experience Event <c>timestamp</c> every record of the run carried, when they all carried the same one (the
    /// usual case: EE timestamp = score date). Null for profile-format runs and when timestamps vary (see <see cref="TimestampsVary"/>).
    /// </summary>
    public DateTimeOffset? UniformTimestamp { get; }

    /// <summary>Whether the records of this run carried different timestamps (or some none), kept per person.</summary>
    public bool TimestampsVary => _timestamps is not null;

    /// <summary>Every present slot's offset into the factor columns, plus the end (<see cref="PersonCount"/>+1 values).</summary>
    public ReadOnlySpan<int> FactorOffsets => _factorOffsets.AsSpan(0, PersonCount + 1);

    /// <summary>Factor code ids (into <see cref="ScoreTable.FactorCodes"/>; −1 for a null code), in person order.</summary>
    public ReadOnlySpan<int> FactorCodes => _factorCodes.AsSpan(0, FactorCount);

    /// <summary>Factor value ids (into <see cref="ScoreTable.FactorValues"/>; −1 for a null value), in person order.</summary>
    public ReadOnlySpan<int> FactorValues => _factorValues.AsSpan(0, FactorCount);

    /// <summary>Factor importances (<see cref="Importance"/> as bytes), in person order.</summary>
    public ReadOnlySpan<byte> FactorImportance => _factorImportance.AsSpan(0, FactorCount);

    /// <summary>The number of influential factors in this run.</summary>
    public int FactorCount => _factorOffsets[PersonCount];

    /// <summary>Whether person <paramref name="person"/> was scored in this run.</summary>
    public bool IsPresent(int person) => Bitmaps.Get(_presence, CheckPerson(person));

    /// <summary>The person's score, or null when absent or null.</summary>
    public double? GetScore(int person) => Bitmaps.Get(_scoreValidity, CheckPerson(person)) ? _scores[person] : null;

    /// <summary>The person's probability, or null when absent or null.</summary>
    public double? GetProbability(int person) => Bitmaps.Get(_probabilityValidity, CheckPerson(person)) ? _probabilities[person] : null;

    /// <summary>The person's percentile score, or null when absent or null.</summary>
    public int? GetPercentile(int person) => Bitmaps.Get(_percentileValidity, CheckPerson(person)) ? _percentiles[person] : null;

    /// <summary>The person's EE timestamp, or null when absent, in a profile-format run, or null in the source.</summary>
    public DateTimeOffset? GetTimestamp(int person)
    {
        if (!IsPresent(person))
        {
            return null;
        }

        if (_timestamps is null)
        {
            return UniformTimestamp;
        }

        return Bitmaps.Get(_timestampValidity!, person) ? Timestamps.FromMicros(_timestamps[person]) : null;
    }

    /// <summary>The person's timestamps in microseconds since the Unix epoch, when <see cref="TimestampsVary"/>; else empty.</summary>
    public ReadOnlySpan<long> TimestampMicros => _timestamps is null ? default : _timestamps.AsSpan(0, PersonCount);

    /// <summary>Which per-person timestamps are non-null (bitmap), when <see cref="TimestampsVary"/>; else empty.</summary>
    public ReadOnlySpan<byte> TimestampValidity => _timestampValidity is null ? default : _timestampValidity.AsSpan(0, Bitmaps.ByteLength(PersonCount));

    /// <summary>The person's influential factors in this run (allocates; for drill-down, not for hot loops).</summary>
    public IReadOnlyList<InfluentialFactor> GetFactors(int person, ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckPerson(person);
        var from = _factorOffsets[person];
        var to = _factorOffsets[person + 1];
        var factors = new InfluentialFactor[to - from];
        for (var i = from; i < to; i++)
        {
            factors[i - from] = new InfluentialFactor
            {
                Code = _factorCodes[i] < 0 ? null : table.FactorCodes[_factorCodes[i]],
                Value = _factorValues[i] < 0 ? null : table.FactorValues[_factorValues[i]],
                Importance = (Importance)_factorImportance[i],
            };
        }

        return factors;
    }

    /// <summary>The score column as an Arrow array sharing this run's memory (absent and null slots are null).</summary>
    public DoubleArray ScoreArray => new(Buffer(_scores), Buffer(_scoreValidity), PersonCount, NullCount(_scoreValidity), 0);

    /// <summary>The probability column as an Arrow array sharing this run's memory.</summary>
    public DoubleArray ProbabilityArray => new(Buffer(_probabilities), Buffer(_probabilityValidity), PersonCount, NullCount(_probabilityValidity), 0);

    /// <summary>The percentile column as an Arrow array sharing this run's memory.</summary>
    public Int16Array PercentileArray => new(Buffer(_percentiles), Buffer(_percentileValidity), PersonCount, NullCount(_percentileValidity), 0);

    /// <summary>The presence column as an Arrow boolean array sharing this run's memory.</summary>
    public BooleanArray PresenceArray => new(Buffer(_presence), ArrowBuffer.Empty, PersonCount, 0, 0);

    /// <summary>The bytes this run's score columns hold (factor columns excluded; see <see cref="FactorBytes"/>).</summary>
    public long ScoreBytes =>
        (_scores.LongLength * 8) + (_probabilities.LongLength * 8) + (_percentiles.LongLength * 2)
        + _presence.LongLength + _scoreValidity.LongLength + _probabilityValidity.LongLength + _percentileValidity.LongLength
        + ((_timestamps?.LongLength ?? 0) * 8) + (_timestampValidity?.LongLength ?? 0);

    /// <summary>The bytes this run's factor columns hold, offsets included.</summary>
    public long FactorBytes => (_factorOffsets.LongLength * 4) + (_factorCodes.LongLength * 4) + (_factorValues.LongLength * 4) + _factorImportance.LongLength;

    internal RunColumns Columns => new()
    {
        Scores = _scores,
        Probabilities = _probabilities,
        Percentiles = _percentiles,
        Presence = _presence,
        ScoreValidity = _scoreValidity,
        ProbabilityValidity = _probabilityValidity,
        PercentileValidity = _percentileValidity,
        Timestamps = _timestamps,
        TimestampValidity = _timestampValidity,
        UniformTimestamp = UniformTimestamp,
        ModelType = ModelType,
        FactorOffsets = _factorOffsets,
        FactorCodes = _factorCodes,
        FactorValues = _factorValues,
        FactorImportance = _factorImportance,
    };

    private int NullCount(byte[] validity) => PersonCount - Bitmaps.PopCount(validity, PersonCount);

    private static ArrowBuffer Buffer<T>(T[] array)
        where T : unmanaged => new(ArrayMemory<T>.Of(array, array.Length));

    private int CheckPerson(int person)
    {
        if ((uint)person >= (uint)PersonCount)
        {
            throw new ArgumentOutOfRangeException(nameof(person), person, $"The person index must be in 0…{PersonCount - 1}.");
        }

        return person;
    }
}

/// <summary>The arrays behind a <see cref="ScoreRun"/> (each at least the person count long).</summary>
internal sealed class RunColumns
{
    public required double[] Scores { get; init; }
    public required double[] Probabilities { get; init; }
    public required short[] Percentiles { get; init; }
    public required byte[] Presence { get; init; }
    public required byte[] ScoreValidity { get; init; }
    public required byte[] ProbabilityValidity { get; init; }
    public required byte[] PercentileValidity { get; init; }
    public long[]? Timestamps { get; init; }
    public byte[]? TimestampValidity { get; init; }
    public DateTimeOffset? UniformTimestamp { get; init; }
    public string? ModelType { get; init; }
    public required int[] FactorOffsets { get; init; }
    public required int[] FactorCodes { get; init; }
    public required int[] FactorValues { get; init; }
    public required byte[] FactorImportance { get; init; }
}

/// <summary>Microsecond timestamps, as Arrow's <c>timestamp[us, UTC]</c>.</summary>
internal static class Timestamps
{
    public static readonly TimestampType ArrowType = new(TimeUnit.Microsecond, "UTC");

    /// <summary>Microseconds since the Unix epoch, rounded down (timestamps are kept to the microsecond, as Arrow and Parquet do).</summary>
    public static long ToMicros(DateTimeOffset value) => Math.DivRem(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, 10, out var rem) - (rem < 0 ? 1 : 0);

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);
}
