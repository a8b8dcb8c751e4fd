using CaiScores.Bucketing;
using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for transition matrices: each person's record (or none) in the two runs, looked up in a dictionary,
/// turned into a row and a column label, and counted. Slow and obviously right. Entry and Exit mean no record in that run
/// (DOMAIN §7.6); a record without a value is "No value", and a person in a hidden "No value" counts in no cell.
/// </summary>
internal static class ReferenceTransitions
{
    /// <summary>Cell counts and persons by (row label, column label); labels are bucket display names, the No value label, Entry and Exit.</summary>
    public static Dictionary<(string From, string To), List<string>> Cells(
        IEnumerable<ScoreRecord> records,
        BucketScheme scheme,
        DateOnly from,
        DateOnly to,
        bool includeNoValue,
        string noValueLabel = "No value",
        ISet<string>? persons = null)
    {
        var byKey = records.ToDictionary(r => (r.PersonId, r.RunKey));
        var edges = scheme.Edges.ToArray();
        var cells = new Dictionary<(string, string), List<string>>();
        foreach (var person in records.Select(r => r.PersonId).Distinct().Order(StringComparer.Ordinal))
        {
            if (persons is not null && !persons.Contains(person))
            {
                continue;
            }

            var row = State(byKey.GetValueOrDefault((person, from)), "Entry");
            var column = State(byKey.GetValueOrDefault((person, to)), "Exit");
            if ((row == "Entry" && column == "Exit") || row is null || column is null)
            {
                continue;
            }

            if (!cells.TryGetValue((row, column), out var list))
            {
                cells[(row, column)] = list = [];
            }

            list.Add(person);
        }

        return cells;

        // The row or column label of a person's record in a run; null for a hidden "No value".
        string? State(ScoreRecord? record, string outside)
        {
            if (record is null)
            {
                return outside;
            }

            var value = ReferenceDistribution.Value(record, scheme.Field);
            if (value is not { } v || double.IsNaN(v))
            {
                return includeNoValue ? noValueLabel : null;
            }

            return scheme.Buckets[ReferenceBuckets.Bucket(v, edges)].DisplayName;
        }
    }
}
