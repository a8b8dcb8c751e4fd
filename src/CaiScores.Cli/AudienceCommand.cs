using System.Globalization;
using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Cli.Report;
using CaiScores.Columnar;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Transitions;

namespace CaiScores.Cli;

/// <summary>
/// <c>cai-scores audience</c>: picks persons (top p %, a bucket, a transition between runs, an attribute segment) and writes
/// their ids as CSV for an AEP audience upload, with <see cref="AudienceExport"/>.
/// </summary>
internal static class AudienceCommand
{
    public const string Help = """
        cai-scores audience: write the ids of chosen persons as CSV for an Adobe Experience Platform audience upload
        (Audience Portal, Import audience): a header naming the identity namespace, then one id a row.

        Usage:
          cai-scores audience <file-or-folder>... --out FILE.csv|DIR [selection] [--segment A=V]... [--attributes F]
                              [--instance K] [--run D] [--scheme S] [--columns C,...] [--name NAME]
                              [--identity-namespace NS] [reading options, as for report]

        Selection (at most one; none: everyone scored, narrowed by --segment):
          --top P                      the top P % of the run (0 < P <= 100), --top-method exact (default) or percentile
          --bucket B                   persons in bucket B (High, Medium, Low, or a label of --scheme) in the run
          --transition FROM:TO         persons who moved from bucket FROM to bucket TO between --from-run and --to-run
                                       (default: the last two runs); Entry and Exit name arriving and leaving persons

        Options:
          --out FILE.csv|DIR           a .csv file (one identity namespace), or a folder that gets one file per
                                       namespace, NAME.NAMESPACE.csv
          --run D                      the run (yyyy-MM-dd) of --top, --bucket, the bucket breakdown and --columns
                                       (default: the last run)
          --scheme S                   cai (default), 5pt, 10pt, or score edges such as 25,50,75
          --segment ATTR=VALUE         only persons whose attribute has the value (VALUE1|VALUE2); repeat for AND
          --attributes FILE            person attributes for --segment (as for report)
          --columns C,...              extra columns from the run: score, probability, percentileScore, bucket
                                       (default none: AEP needs the ids only)
          --name NAME                  the audience's name (file names in a folder; default: audience)
          --identity-namespace NS      take person ids from this namespace when reading, and write them under it
                                       (needed for an Arrow table saved without namespaces)
          --instance KEY               the instance, when the inputs hold several
          --skip-invalid, --out-of-range P, --duplicates P   reading options, as for report
          --verbose                    show stack traces on errors

        Exit codes: 0 done, 1 bad input (a file that cannot be read, a selection that matches nothing), 2 bad usage.
        """;

    private static readonly string[] Valued =
        ["--out", "--top", "--top-method", "--bucket", "--transition", "--from-run", "--to-run", "--run", "--scheme", "--segment", "--attributes", "--columns", "--name", "--instance", .. InputSettings.PolicyValued, .. InputSettings.ColumnValued];

    public static async Task<int> RunAsync(IEnumerable<string> args, TextWriter stdout, TextWriter stderr, Progress progress)
    {
        var options = Options.Parse(args, Valued, InputSettings.Flags);
        if (options.Positional.Count == 0)
        {
            throw new UsageException("audience needs at least one score file or folder (try audience --help)");
        }

        var outPath = options.Get("--out") ?? throw new UsageException("audience needs --out FILE.csv or --out DIR (try audience --help)");
        var selections = new[] { "--top", "--bucket", "--transition" }.Where(o => options.Get(o) is not null).ToList();
        if (selections.Count > 1)
        {
            throw new UsageException($"give one selection, not {string.Join(" and ", selections)}");
        }

        var scheme = ReportSettings.ParseScheme(options.Get("--scheme") ?? "cai");
        var columns = ParseColumns(options.Get("--columns"));
        var run = ParseDate(options, "--run");
        var reading = InputSettings.Parse(options);
        var input = ReportInput.Load(options.Positional, options.Get("--attributes"), null, options.Get("--instance"), progress, reading, stderr);
        var table = input.Table;
        if (table.Runs.Count == 0)
        {
            throw new InputException("the inputs hold no scoring run");
        }

        var day = run ?? table.Runs[^1].ScoreDate;
        var picked = Select(options, table, scheme, day);
        var segment = ReportSegment.On(table, [.. options.GetAll("--segment").Select(ReportSettings.ParseSegment)], table.Runs) is { } attributes
            ? picked & attributes
            : picked;
        if (segment.Evaluate(table).Count == 0)
        {
            throw new InputException(picked.Evaluate(table).Count == 0
                ? $"the selection matches no one: {Describe(options, table, day)}"
                : $"no person of the selection ({Describe(options, table, day)}) is in the --segment");
        }

        var audienceOptions = new AudienceOptions
        {
            Name = options.Get("--name"),
            Run = day,
            Scheme = scheme,
            Columns = columns,
            IdentityNamespace = options.Get("--identity-namespace"),
        };
        progress.Report("writing " + outPath);
        var audience = outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? WriteFile(table, segment, outPath, audienceOptions)
            : AudienceExport.WriteCsvFiles(table, segment, outPath, audienceOptions);
        foreach (var file in audience.Files)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {file.Path}: {file.Rows:N0} {file.Namespace} {(file.Rows == 1 ? "id" : "ids")}")).ConfigureAwait(false);
        }

        var buckets = string.Join(", ", audience.Buckets.Where(b => b.Persons > 0).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Persons:N0} {b.Bucket}")));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{audience.Count:N0} {(audience.Count == 1 ? "person" : "persons")}: {segment}; in run {day:yyyy-MM-dd}: {(buckets.Length == 0 ? "none scored" : buckets)}{(audience.NotScoredInRun > 0 ? $", {audience.NotScoredInRun:N0} not scored" : string.Empty)}")).ConfigureAwait(false);
        return 0;
    }

    private static Audience WriteFile(ScoreTable table, Segment segment, string path, AudienceOptions options)
    {
        try
        {
            return AudienceExport.WriteCsv(table, segment, path, options);
        }
        catch (InvalidOperationException e)
        {
            // The library names its own options; say the command line's.
            throw new InputException(e.Message + " From the command line: --out a folder writes one file per namespace; --identity-namespace NS writes one.");
        }
    }

    private static Segment Select(Options options, ScoreTable table, BucketScheme scheme, DateOnly day)
    {
        if (options.Get("--top") is { } topText)
        {
            if (!double.TryParse(topText, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent > 0 && percent <= 100))
            {
                throw new UsageException($"--top must be a percentage above 0 and at most 100, got '{topText}'");
            }

            return TopPercent.Select(table, percent, new TopPercentOptions { Run = day, Method = ReportSettings.ParseTopMethod(options.Get("--top-method")) }).ToSegment();
        }

        if (options.Get("--bucket") is { } bucket)
        {
            return Segment.InBucket(scheme, bucket, day);
        }

        if (options.Get("--transition") is { } transition)
        {
            var parts = transition.Split(':');
            if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
            {
                throw new UsageException($"--transition must be FROM:TO (e.g. Low:High), got '{transition}'");
            }

            if (table.Runs.Count < 2 && (options.Get("--from-run") is null || options.Get("--to-run") is null))
            {
                throw new InputException("--transition needs two runs; the inputs hold one");
            }

            var from = ParseDate(options, "--from-run") ?? table.Runs[^2].ScoreDate;
            var to = ParseDate(options, "--to-run") ?? table.Runs[^1].ScoreDate;
            return TransitionMatrix.Compute(table, from, to, new TransitionOptions { Scheme = scheme }).ToSegment(table, parts[0].Trim(), parts[1].Trim());
        }

        return Segment.Everyone;
    }

    private static string Describe(Options options, ScoreTable table, DateOnly day) =>
        options.Get("--top") is { } top ? $"the top {top} % of run {day:yyyy-MM-dd}"
        : options.Get("--bucket") is { } bucket ? $"bucket {bucket} in run {day:yyyy-MM-dd}"
        : options.Get("--transition") is { } transition
            ? $"persons who went from {transition.Replace(":", " to ", StringComparison.Ordinal)} between run {ParseDate(options, "--from-run") ?? table.Runs[^2].ScoreDate:yyyy-MM-dd} and run {ParseDate(options, "--to-run") ?? table.Runs[^1].ScoreDate:yyyy-MM-dd}"
        : "everyone";

    private static DateOnly? ParseDate(Options options, string name) =>
        options.Get(name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new UsageException($"{name} must be a date yyyy-MM-dd, got '{text}'");

    private static AudienceColumns ParseColumns(string? text)
    {
        var columns = AudienceColumns.None;
        foreach (var name in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            columns |= name.ToLowerInvariant() switch
            {
                "score" => AudienceColumns.Score,
                "probability" => AudienceColumns.Probability,
                "percentilescore" or "percentile" => AudienceColumns.PercentileScore,
                "bucket" => AudienceColumns.Bucket,
                _ => throw new UsageException($"--columns takes score, probability, percentileScore and bucket, got '{name}'"),
            };
        }

        return columns;
    }
}
