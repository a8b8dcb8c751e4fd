namespace CaiScores.Columnar;

/// <summary>Joins attribute rows to a table's person index and runs: the only hash lookups, done once, before any analysis.</summary>
internal static class AttributeJoin
{
    private const int MaxSamples = 10;

    public static (PersonAttributes Attributes, AttributeDiagnostics Diagnostics) Join(ScoreTable table, IEnumerable<PersonAttributeRecord> records)
    {
        var persons = table.Persons;
        var runs = table.Runs;
        var byName = new Dictionary<string, List<(int Person, DateOnly? From, string? Value)>>(StringComparer.Ordinal);
        long read = 0, unmatched = 0;
        var samples = new List<string>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            read++;

            // The name is known even when none of its rows matches a person: the attribute then exists with no values,
            // and an analysis by it says so in its rows rather than claiming there is no such attribute.
            if (!byName.TryGetValue(record.Name, out var rows))
            {
                byName.Add(record.Name, rows = []);
            }

            var person = persons.IndexOf(record.PersonId);
            if (person < 0)
            {
                unmatched++;
                if (samples.Count < MaxSamples)
                {
                    samples.Add(record.PersonId);
                }

                continue;
            }

            // "Always" is the earliest date: a dated row on DateOnly.MinValue and an undated one are the same key.
            rows.Add((person, record.ValidFrom is null || record.ValidFrom == DateOnly.MinValue ? null : record.ValidFrom, record.Value));
        }

        long replaced = 0;
        var attributes = new List<PersonAttribute>();
        foreach (var (name, rows) in byName.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var values = new StringDictionary(16);
            if (!rows.Exists(r => r.From is not null))
            {
                attributes.Add(Undated(name, rows, values, persons.Count, Math.Max(runs.Count, 1), ref replaced));
                continue;
            }

            // Stable sort by (person, date): for equal keys the later row stays later and wins.
            var ordered = rows.Select((r, i) => (r.Person, r.From, r.Value, Order: i))
                .OrderBy(r => r.Person).ThenBy(r => r.From ?? DateOnly.MinValue).ThenBy(r => r.Order).ToArray();
            var dated = ordered.Any(r => r.From is not null);
            var runCount = Math.Max(runs.Count, 1);
            var codes = new int[dated ? runCount : 1][];
            for (var r = 0; r < codes.Length; r++)
            {
                codes[r] = new int[persons.Count];
                codes[r].AsSpan().Fill(-1);
            }

            for (var i = 0; i < ordered.Length; i++)
            {
                var row = ordered[i];
                if (i + 1 < ordered.Length && ordered[i + 1].Person == row.Person && ordered[i + 1].From == row.From)
                {
                    replaced++; // a later row for the same person and date wins
                    continue;
                }

                var id = row.Value is null ? -1 : values.GetOrAdd(row.Value);
                if (!dated)
                {
                    codes[0][row.Person] = id;
                    continue;
                }

                // Holds from its date (or always) until the next dated row of the same person.
                var from = row.From ?? DateOnly.MinValue;
                var until = i + 1 < ordered.Length && ordered[i + 1].Person == row.Person ? ordered[i + 1].From!.Value : DateOnly.MaxValue;
                for (var r = 0; r < runs.Count; r++)
                {
                    var date = runs[r].ScoreDate;
                    if (date >= from && date < until)
                    {
                        codes[r][row.Person] = id;
                    }
                }
            }

            var byRun = dated ? codes : Enumerable.Repeat(codes[0], runCount).ToArray();
            attributes.Add(new PersonAttribute(name, values.Freeze(), byRun, dated));
        }

        return (new PersonAttributes([.. attributes]), new AttributeDiagnostics(read, unmatched, replaced, samples));
    }

    /// <summary>
    /// An attribute without dated rows (the common case: one row per person) needs no sort: in input order the later row
    /// of a person wins, and value ids are then given in person order — the same attribute the sorted path builds.
    /// </summary>
    private static PersonAttribute Undated(string name, List<(int Person, DateOnly? From, string? Value)> rows, StringDictionary values, int personCount, int runCount, ref long replaced)
    {
        var winner = new int[personCount];
        winner.AsSpan().Fill(-1);
        for (var i = 0; i < rows.Count; i++)
        {
            ref var row = ref winner[rows[i].Person];
            replaced += row >= 0 ? 1 : 0; // a later row for the same person wins
            row = i;
        }

        var codes = new int[personCount];
        for (var p = 0; p < personCount; p++)
        {
            codes[p] = winner[p] < 0 || rows[winner[p]].Value is not { } value ? -1 : values.GetOrAdd(value);
        }

        return new PersonAttribute(name, values.Freeze(), Enumerable.Repeat(codes, runCount).ToArray(), false);
    }
}
