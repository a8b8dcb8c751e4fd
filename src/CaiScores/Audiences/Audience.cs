using System.Globalization;
using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Audiences;

/// <summary>
/// A segment's persons as an audience for Adobe Experience Platform (see <see cref="AudienceExport"/>): how many there
/// are, under which identity namespaces, how they split over the run's buckets, and the files written.
/// </summary>
/// <remarks>
/// Immutable. <see cref="Persons"/> is drawn from the table's person index; use it on that table. The ids are not held:
/// <see cref="GetPersonIds"/> reads them from the table, and the CSV files hold them.
/// </remarks>
public sealed class Audience
{
    /// <summary>
    /// The one way an <see cref="Audience"/> is made: from its computed state. The result holds no table.
    /// </summary>
    internal Audience(
        string name,
        string rule,
        DateOnly? run,
        string scheme,
        IReadOnlyList<string> columns,
        PersonSet persons,
        long notScoredInRun,
        IReadOnlyList<AudienceNamespaceRow> namespaces,
        IReadOnlyList<AudienceBucketRow> buckets,
        IReadOnlyList<AudienceFile> files,
        ScoreTableDiagnostics diagnostics)
    {
        Name = name;
        Rule = rule;
        Run = run;
        Scheme = scheme;
        Columns = columns;
        Persons = persons;
        NotScoredInRun = notScoredInRun;
        Namespaces = namespaces;
        Buckets = buckets;
        Files = files;
        Diagnostics = diagnostics;
    }

    /// <summary>The audience's name (the segment's description unless one was given).</summary>
    public string Name { get; }

    /// <summary>The segment in words.</summary>
    public string Rule { get; }

    /// <summary>The run of the bucket breakdown and of the extra columns; null for a table without runs.</summary>
    public DateOnly? Run { get; }

    /// <summary>The bucket scheme of the breakdown.</summary>
    public string Scheme { get; }

    /// <summary>The names of the columns written after the identity column (<c>score</c>, <c>probability</c>, <c>percentileScore</c>, <c>bucket</c>); empty for ids only.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The persons, over the table's person index.</summary>
    [JsonIgnore] // a bitmap over one table's person index, meaningless without the table; Count is its size.
    public PersonSet Persons { get; }

    /// <summary>The number of persons.</summary>
    public long Count => Persons.Count;

    /// <summary>The persons of the audience not scored in <see cref="Run"/> (in no bucket; empty cells in the extra columns).</summary>
    public long NotScoredInRun { get; }

    /// <summary>The persons per identity namespace, ordinal order, persons of unknown namespace last.</summary>
    public IReadOnlyList<AudienceNamespaceRow> Namespaces { get; }

    /// <summary>The persons per bucket of <see cref="Run"/>, in scheme order.</summary>
    public IReadOnlyList<AudienceBucketRow> Buckets { get; }

    /// <summary>The files written; empty when the audience was only described.</summary>
    public IReadOnlyList<AudienceFile> Files { get; }

    /// <summary>The rows written over every file.</summary>
    public long Written => Files.Sum(f => f.Rows);

    /// <summary>The diagnostics of the table the audience was drawn from.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The audience as a segment, to filter any other analysis of the same table by it.</summary>
    /// <returns><c>Segment.Of(Persons)</c>.</returns>
    public Segment ToSegment() => Segment.Of(Persons);

    /// <summary>The ids of the audience's persons, in person-index order.</summary>
    /// <param name="table">The table the audience was drawn from.</param>
    /// <returns>The person ids.</returns>
    /// <exception cref="ArgumentException">The table is not the one the audience was drawn from (a different person count).</exception>
    public IReadOnlyList<string> GetPersonIds(ScoreTable table) => Persons.GetIds(table);

    /// <inheritdoc />
    public override string ToString()
    {
        var namespaces = string.Join(", ", Namespaces.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Persons:N0} {n.Namespace ?? "of unknown namespace"}")));
        var files = Files.Count == 0 ? "not written" : string.Join(", ", Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Rows:N0} to {f.Path}")));
        return string.Create(CultureInfo.InvariantCulture, $"audience '{Name}': {Count:N0} {(Count == 1 ? "person" : "persons")} ({namespaces}); {files}");
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
