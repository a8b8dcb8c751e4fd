using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for the score table: de-duplicated <see cref="ScoreRecord"/>s in a dictionary keyed by
/// (instance, person, run). Slow and obviously right.
/// </summary>
internal sealed class ReferenceTable
{
    private ReferenceTable(Dictionary<(string Instance, string Person, DateOnly Run), ScoreRecord> rows) => Rows = rows;

    public Dictionary<(string Instance, string Person, DateOnly Run), ScoreRecord> Rows { get; }

    public static ReferenceTable From(IEnumerable<ScoreRecord> scores, string instance, DuplicatePolicy policy = DuplicatePolicy.LastWins)
    {
        var batch = ScoreBatch.Create(scores.Where(s => s.InstanceKey == instance), policy);
        var rows = batch.Records.ToDictionary(r => (r.InstanceKey, r.PersonId, r.RunKey));
        return new ReferenceTable(rows);
    }
}
