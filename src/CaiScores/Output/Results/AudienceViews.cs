using CaiScores.Audiences;

namespace CaiScores.Output;

/// <summary>How an audience is shown: its summary, namespaces, buckets and files, and its bucket chart.</summary>
internal static class AudienceViews
{
    /// <summary>The audience (not its ids: see <see cref="Audience.GetPersonIds"/> and the CSV files).</summary>
    public static readonly ResultView<Audience> Audience = new(Tables, a => [SvgCharts.Audience(a)]);

    private static IReadOnlyList<ResultTable> Tables(Audience audience)
    {
        Audience[] one = [audience];
        return
        [
            new TableBuilder<Audience>("audience", $"Audience {audience.Name}", one)
                .String("name", a => a.Name, "The audience's name")
                .String("rule", a => a.Rule, "The segment in words")
                .Date("run", a => a.Run, "The run of the bucket breakdown and the extra columns")
                .String("scheme", a => a.Scheme, "The bucket scheme of the breakdown")
                .String("columns", a => string.Join(",", a.Columns), "The columns written after the identity column, comma-separated")
                .Int64("count", a => a.Count, "Persons in the audience")
                .Int64("notScoredInRun", a => a.NotScoredInRun, "Persons of the audience not scored in the run")
                .Int64("written", a => a.Written, "Rows written over every file")
                .Build(),
            new TableBuilder<AudienceNamespaceRow>("audience-namespaces", "Persons by identity namespace", audience.Namespaces)
                .String("namespace", r => r.Namespace, "The identity namespace; null when the table does not know it")
                .Int64("persons", r => r.Persons, "Persons of the audience under it")
                .Int64("written", r => r.Written, "Of them, written to a file")
                .Build(),
            new TableBuilder<AudienceBucketRow>("audience-buckets", "Persons by bucket of the run", audience.Buckets)
                .String("bucket", r => r.Bucket, "The bucket (No value: scored without a usable value)")
                .Int64("persons", r => r.Persons, "Persons of the audience in the bucket")
                .Int64("scored", r => r.Scored, "Persons of the table in the bucket in the run")
                .Share("share", r => r.Share, "persons over scored")
                .Build(),
            new TableBuilder<AudienceFile>("audience-files", "Files written", audience.Files)
                .String("path", f => f.Path, "The file")
                .String("namespace", f => f.Namespace, "The namespace of its identity column")
                .Int64("rows", f => f.Rows, "Persons written (header not counted)")
                .Build(),
        ];
    }
}
