using CaiScores.Columnar;
using CaiScores.Models;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>
/// How a random score table is drawn: its size, the spacing of its runs, who is missing from a run, what the scores,
/// probabilities and timestamps look like, and the person attribute it carries. One instance <c>acme.Inst</c>.
/// </summary>
internal sealed record TableShape
{
    /// <summary>Persons per table: 1 to this many, drawn by CsCheck.</summary>
    public required int MaxPersons { get; init; }

    /// <summary>Runs per table: <see cref="MinRuns"/> to <see cref="MaxRuns"/>, drawn by CsCheck.</summary>
    public required int MinRuns { get; init; }

    /// <inheritdoc cref="MinRuns"/>
    public required int MaxRuns { get; init; }

    /// <summary>The day the run days count from.</summary>
    /// <value>Default 2026-01-01.</value>
    public DateOnly Day0 { get; init; } = new(2026, 1, 1);

    /// <summary>The day (after <see cref="Day0"/>) of run <c>r</c>, given the previous run's day (0 before the first run).</summary>
    public required Func<Random, int, int, int> RunDay { get; init; }

    /// <summary>A person is missing from a run one time in this many; drawn once per table.</summary>
    public required Func<Random, int> MissingOneIn { get; init; }

    /// <summary>
    /// The first person is never missing from the first this-many runs, so that a table exists at all (an empty input
    /// cannot make one) and has at least this many runs.
    /// </summary>
    /// <value>Default 1.</value>
    public int KeptRuns { get; init; } = 1;

    /// <summary>Whether every run scores someone: the last person stays in a run everyone else is missing from.</summary>
    public bool EveryRunScored { get; init; }

    /// <summary>The special scores (null, NaN, bucket edges): one of <see cref="ScoreDraws"/> draws picks each; the rest are uniform in [0, 100).</summary>
    public required double?[] EdgeScores { get; init; }

    /// <inheritdoc cref="EdgeScores"/>
    public required int ScoreDraws { get; init; }

    /// <summary>Whether records have a probability (null one time in eight, otherwise uniform in [0, 1)).</summary>
    public bool Probabilities { get; init; }

    /// <summary>
    /// Null for records without a timestamp; otherwise records carry their run day's midnight (UTC), and in one table in
    /// <see cref="VaryingOneIn"/> each record adds 0 to this many hours less one.
    /// </summary>
    public int? TimestampHours { get; init; }

    /// <inheritdoc cref="TimestampHours"/>
    /// <value>Default 2.</value>
    public int VaryingOneIn { get; init; } = 2;

    /// <summary>The <c>tier</c> attribute of person <c>p</c> (null: none); no attributes when null.</summary>
    public Func<int, string?>? Tier { get; init; }
}

/// <summary>A generated table's score records and person attributes.</summary>
internal sealed record GeneratedTable(List<ScoreRecord> Records, List<PersonAttributeRecord> Attributes);

/// <summary>
/// The one home of the random score tables the property tests (and the overlap tests' seeded data) draw from, so that a
/// fix such as "every table keeps a score row" is made once.
/// </summary>
internal static class Generators
{
    /// <summary>Tables of the shape: CsCheck draws the persons, the runs and a seed for the rest.</summary>
    public static Gen<GeneratedTable> ScoreTables(TableShape shape) =>
        Gen.Select(Gen.Int[1, shape.MaxPersons], Gen.Int[shape.MinRuns, shape.MaxRuns], Gen.Int[0, int.MaxValue])
            .Select(t => Table(shape, t.Item1, t.Item2, t.Item3));

    /// <summary>One table of the shape, from a seed: the same seed gives the same records.</summary>
    public static GeneratedTable Table(TableShape shape, int persons, int runs, int seed)
    {
        var random = new Random(seed);
        var records = new List<ScoreRecord>();
        var missingOneIn = shape.MissingOneIn(random);
        var varying = shape.TimestampHours is not null && random.Next(shape.VaryingOneIn) == 0;
        var day = 0;
        for (var r = 0; r < runs; r++)
        {
            day = shape.RunDay(random, r, day);
            var date = shape.Day0.AddDays(day);
            var before = records.Count;
            for (var p = 0; p < persons; p++)
            {
                var kept = (p == 0 && r < shape.KeptRuns) || (shape.EveryRunScored && p == persons - 1 && records.Count == before);
                if (random.Next(missingOneIn) == 0 && !kept)
                {
                    continue;
                }

                DateTimeOffset? timestamp = shape.TimestampHours is { } hours
                    ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(varying ? random.Next(0, hours) : 0)
                    : null;
                var pick = random.Next(shape.ScoreDraws);
                var score = pick < shape.EdgeScores.Length ? shape.EdgeScores[pick] : random.NextDouble() * 100;
                records.Add(new ScoreRecord
                {
                    PersonId = $"p{p}",
                    TenantId = "acme",
                    InstanceKey = "Inst",
                    RunKey = date,
                    ScoreDate = date,
                    Timestamp = timestamp,
                    Score = score,
                    Probability = shape.Probabilities && random.Next(8) != 0 ? random.NextDouble() : null,
                });
            }
        }

        var attributes = shape.Tier is { } tier
            ? Enumerable.Range(0, persons).Select(p => (Person: p, Tier: tier(p))).Where(t => t.Tier is not null)
                .Select(t => new PersonAttributeRecord { PersonId = $"p{t.Person}", Name = "tier", Value = t.Tier }).ToList()
            : [];
        return new GeneratedTable(records, attributes);
    }
}
