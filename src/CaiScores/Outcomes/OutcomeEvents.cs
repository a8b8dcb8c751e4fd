using System.Runtime.InteropServices;
using CaiScores.Columnar;
using CaiScores.Internal;

namespace CaiScores.Outcomes;

/// <summary>
/// Success events (outcomes) joined to a <see cref="ScoreTable"/>'s person index, in columnar form: the outcomes of person
/// <c>p</c> are the entries <c>Offsets[p]</c> to <c>Offsets[p + 1]</c> of <see cref="TimestampMicros"/> (ascending) and
/// <see cref="Values"/>. The analyses of this namespace take it with the table it was joined to.
/// </summary>
/// <remarks>
/// <para>The join is the only place person ids are looked up (one hash lookup per record, done once, as
/// <see cref="ScoreTable.WithAttributes"/> does for attributes); analyses then read these arrays by person index.</para>
/// <para>Records of persons the table does not have are never silently dropped: they are counted, with samples, in
/// <see cref="Diagnostics"/>. They still count for <see cref="Latest"/> (they show how far the outcome data reaches).</para>
/// <para>A person's outcomes are ordered by timestamp, equal timestamps in input order. Timestamps are kept to the
/// microsecond (rounded down), like the table's. Immutable and thread-safe for reading.</para>
/// </remarks>
public sealed class OutcomeEvents
{
    private readonly int[] _offsets;
    private readonly long[] _micros;
    private readonly double[] _values;
    private readonly byte[] _valueValidity;
    private readonly long? _latest;

    private OutcomeEvents(StringDictionary persons, int[] offsets, long[] micros, double[] values, byte[] valueValidity, long? latest, OutcomeDiagnostics diagnostics)
    {
        Persons = persons;
        _offsets = offsets;
        _micros = micros;
        _values = values;
        _valueValidity = valueValidity;
        _latest = latest;
        Diagnostics = diagnostics;
        var with = 0;
        for (var p = 0; p < PersonCount; p++)
        {
            with += offsets[p + 1] > offsets[p] ? 1 : 0;
        }

        PersonsWithOutcomes = with;
    }

    /// <summary>The person index of the table the outcomes were joined to.</summary>
    public StringDictionary Persons { get; }

    /// <summary>The table's person count: the length of the per-person offsets minus one.</summary>
    public int PersonCount => Persons.Count;

    /// <summary>The outcomes joined (records of known persons).</summary>
    public int Count => _offsets[PersonCount];

    /// <summary>The persons with at least one outcome.</summary>
    public int PersonsWithOutcomes { get; }

    /// <summary>The latest outcome timestamp read, unknown persons' included; null when none was read. The default "as of"
    /// of <see cref="PerformanceSummary"/> and <see cref="ModelEvaluation"/>: how far the outcome data is known to reach.</summary>
    public DateTimeOffset? Latest => _latest is { } micros ? Timestamps.FromMicros(micros) : null;

    /// <summary>What was read, joined, and not joined (unknown persons, with samples).</summary>
    public OutcomeDiagnostics Diagnostics { get; }

    /// <summary>Every person's offset into the outcome columns, plus the end (<see cref="PersonCount"/>+1 values).</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>Outcome timestamps in microseconds since the Unix epoch, in person order, ascending within a person.</summary>
    public ReadOnlySpan<long> TimestampMicros => _micros;

    /// <summary>Outcome values (0 where null), aligned with <see cref="TimestampMicros"/>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Which values are non-null (Arrow bitmap, least significant bit first), aligned with <see cref="TimestampMicros"/>.</summary>
    public ReadOnlySpan<byte> ValueValidity => _valueValidity;

    /// <summary>The number of outcomes of a person.</summary>
    /// <param name="person">The person index, 0…<see cref="PersonCount"/>−1.</param>
    /// <returns>The count.</returns>
    public int CountOf(int person) => _offsets[CheckPerson(person) + 1] - _offsets[person];

    /// <summary>A person's outcomes, ascending by timestamp (allocates; for drill-down, not for hot loops).</summary>
    /// <param name="person">The person index, 0…<see cref="PersonCount"/>−1.</param>
    /// <returns>The outcomes.</returns>
    public IReadOnlyList<OutcomeRecord> GetOutcomes(int person)
    {
        CheckPerson(person);
        var id = Persons[person];
        var list = new OutcomeRecord[_offsets[person + 1] - _offsets[person]];
        for (var i = 0; i < list.Length; i++)
        {
            var k = _offsets[person] + i;
            list[i] = new OutcomeRecord { PersonId = id, Timestamp = Timestamps.FromMicros(_micros[k]), Value = Bitmaps.Get(_valueValidity, k) ? _values[k] : null };
        }

        return list;
    }

    /// <summary>
    /// Joins outcome records to a table's person index. Records whose person id is not in the table are counted in
    /// <see cref="Diagnostics"/> (with up to 10 sample ids), not joined.
    /// </summary>
    /// <param name="table">The table whose persons the outcomes belong to.</param>
    /// <param name="outcomes">The records (typed, or from <see cref="OutcomeReader"/>); enumerated once.</param>
    /// <returns>The joined outcomes, for the analyses of <paramref name="table"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record is null.</exception>
    /// <exception cref="ArgumentException">More than <see cref="int.MaxValue"/> outcomes would be joined (parameter <c>outcomes</c>).</exception>
    public static OutcomeEvents Join(ScoreTable table, IEnumerable<OutcomeRecord> outcomes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(outcomes);
        var persons = table.Persons;
        var n = persons.Count;
        var rowPerson = new List<int>();
        var rowMicros = new List<long>();
        var rowValues = new List<double>();
        var rowHasValue = new List<bool>();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<string>();
        long read = 0, unknownRecords = 0;
        long? latest = null;
        foreach (var record in outcomes)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(outcomes));
            read++;
            var at = Timestamps.ToMicros(record.Timestamp);
            latest = latest is { } l && l >= at ? l : at;
            var person = persons.IndexOf(record.PersonId);
            if (person < 0)
            {
                unknownRecords++;
                if (unknown.Add(record.PersonId) && samples.Count < OutcomeDiagnostics.MaxSamples)
                {
                    samples.Add(record.PersonId);
                }

                continue;
            }

            if (rowPerson.Count == int.MaxValue)
            {
                throw new ArgumentException($"More than {int.MaxValue} outcomes to join; split them.", nameof(outcomes));
            }

            rowPerson.Add(person);
            rowMicros.Add(at);
            rowValues.Add(record.Value ?? 0);
            rowHasValue.Add(record.Value is not null);
        }

        // Counting sort by person (stable: input order within a person), then each person's outcomes by timestamp.
        var count = rowPerson.Count;
        var offsets = new int[n + 1];
        foreach (var p in CollectionsMarshal.AsSpan(rowPerson))
        {
            offsets[p + 1]++;
        }

        for (var p = 0; p < n; p++)
        {
            offsets[p + 1] += offsets[p];
        }

        var next = offsets[..n];
        var order = new int[count];
        var personSpan = CollectionsMarshal.AsSpan(rowPerson);
        for (var i = 0; i < count; i++)
        {
            order[next[personSpan[i]]++] = i;
        }

        var microsSpan = CollectionsMarshal.AsSpan(rowMicros);
        for (var p = 0; p < n; p++)
        {
            SortByTime(order.AsSpan(offsets[p], offsets[p + 1] - offsets[p]), microsSpan);
        }

        var micros = new long[count];
        var values = new double[count];
        var validity = new byte[Bitmaps.ByteLength(count)];
        var valueSpan = CollectionsMarshal.AsSpan(rowValues);
        var hasSpan = CollectionsMarshal.AsSpan(rowHasValue);
        for (var k = 0; k < count; k++)
        {
            var i = order[k];
            micros[k] = microsSpan[i];
            values[k] = valueSpan[i];
            if (hasSpan[i])
            {
                Bitmaps.Set(validity, k);
            }
        }

        var diagnostics = new OutcomeDiagnostics(read, count, unknownRecords, unknown.Count, samples);
        return new OutcomeEvents(persons, offsets, micros, values, validity, latest, diagnostics);
    }

    /// <summary>Fails unless these outcomes were joined to <paramref name="table"/> (the same person index).</summary>
    internal void CheckTable(ScoreTable table, string parameter)
    {
        if (!ReferenceEquals(table.Persons, Persons))
        {
            throw new ArgumentException($"The outcomes were joined to another table (of {PersonCount:N0} persons) than {table.InstancePath}; join them to this table with OutcomeEvents.Join.", parameter);
        }
    }

    /// <summary>Orders row numbers by timestamp, equal timestamps by row number (input order).</summary>
    private static void SortByTime(Span<int> rows, ReadOnlySpan<long> micros)
    {
        if (rows.Length <= 32)
        {
            for (var i = 1; i < rows.Length; i++)
            {
                var row = rows[i];
                var key = micros[row];
                var j = i - 1;
                while (j >= 0 && micros[rows[j]] > key)
                {
                    rows[j + 1] = rows[j];
                    j--;
                }

                rows[j + 1] = row;
            }

            return;
        }

        var keys = new (long Micros, int Row)[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = (micros[rows[i]], rows[i]);
        }

        Array.Sort(keys);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = keys[i].Row;
        }
    }

    private int CheckPerson(int person)
    {
        if ((uint)person >= (uint)PersonCount)
        {
            throw new ArgumentOutOfRangeException(nameof(person), person, $"The person index must be in 0…{PersonCount - 1}.");
        }

        return person;
    }
}
