using System.Globalization;
using System.Text;
using CaiScores.Cli.Report;

namespace CaiScores.Cli;

/// <summary><c>cai-scores report</c>: reads score files (and optional attributes and outcomes) and writes the report.</summary>
internal static class ReportCommand
{
    public const string Help = """
        cai-scores report: compute every analysis of Customer AI scores and write one self-contained report.html.

        Usage:
          cai-scores report <file-or-folder>... --out DIR [--attributes F] [--outcomes F] [--outcome-window DAYS]
                            [--instance K] [--runs R] [--scheme S] [--segment A=V]... [--top-method M] [--skip-invalid]
                            [--out-of-range P] [--identity-namespace NS] [--duplicates P] [--attribute-id-column C]
                            [--attribute-columns A,B] [--outcome-id-column C] [--outcome-timestamp-column C]
                            [--outcome-value-column C]

        Inputs (format by extension; folders are read recursively, taking only the files that hold scores and naming
        the others on stderr):
          .parquet                     AEP Customer AI score exports (part-*.snappy.parquet)
          .jsonl, .json, .ndjson       JSON Lines or JSON arrays of score records (profile or Experience Event format)
          .arrow, .arrows, .ipc        one score table saved as Arrow IPC (on its own)

        Options:
          --out DIR                    where to write report.html, json/ and csv/ (required; created if missing;
                                       json/ and csv/ are replaced, other files are kept)
          --attributes FILE            person attributes (.parquet, .csv or .jsonl; a person id column); a 'tier'
                                       attribute adds a trend by tier
          --attribute-id-column C      the attributes' person id column (default: detected, e.g. personId, person_id,
                                       ECID, id, profileId, customerId)
          --attribute-columns A,B      the attribute columns to take (default: every column but the id and validFrom)
          --outcomes FILE              success events (.parquet, .csv or .jsonl; person id, timestamp, optional value);
                                       adds model evaluation (lift, gains, AUC), performance and success events
          --outcome-id-column C        the outcomes' person id column (default: detected, as for attributes)
          --outcome-timestamp-column C the outcomes' time column (default: detected: timestamp, date, event_time, …)
          --outcome-value-column C     the outcomes' value column (default: value, revenue or amount when present)
          --outcome-window DAYS        days after a run in which an outcome counts (default 30)
          --instance KEY               the instance to report on when the inputs hold several (key or _tenant.CustomerAI.key)
          --runs SELECTION             FROM..TO (yyyy-MM-dd, inclusive; either side may be open), one date, or last:N
                                       (default: every run)
          --scheme SCHEME              cai (Low/Medium/High, default), 5pt, 10pt, or score edges such as 25,50,75
          --segment ATTR=VALUE         only persons whose attribute has the value (VALUE1|VALUE2 for any of several);
                                       repeat for AND
          --top-method METHOD          how the top 20 % is chosen: exact (default; the 20 % highest scores by the
                                       exact quantile, ties at the threshold included) or percentile (Customer AI's
                                       percentileScore above 80)
          --skip-invalid               skip invalid score records (counted; the first few named on stderr) instead of
                                       stopping at the first
          --out-of-range POLICY        keep (default; a warning on stderr names the count and the worst value), clamp
                                       (to score 0-100, probability 0-1, percentile 1-100) or exclude (the record)
          --identity-namespace NS      the identity namespace to take the person id from (default: the primary identity)
          --duplicates POLICY          last-wins (default), first-wins or keep-all: which of a person's records in one
                                       run counts
                                       (these four apply to JSON and Parquet scores; an Arrow table is read as saved)
          --verbose                    show stack traces on errors
          --help                       show this help

        Exit codes: 0 done, 1 bad input (a file that cannot be read, a selection that matches nothing), 2 bad usage.
        """;

    private static readonly string[] Valued =
        ["--out", "--attributes", "--outcomes", "--outcome-window", "--instance", "--runs", "--scheme", "--segment", .. InputSettings.PolicyValued, .. InputSettings.ColumnValued, "--top-method"];

    public static Task<int> RunAsync(IEnumerable<string> args, TextWriter stdout, TextWriter stderr, Progress progress)
    {
        var options = Options.Parse(args, Valued, InputSettings.Flags);
        if (options.Positional.Count == 0)
        {
            throw new UsageException("report needs at least one score file or folder (try report --help)");
        }

        var outDir = options.Get("--out") ?? throw new UsageException("report needs --out DIR (try report --help)");
        var settings = Settings(options);
        var input = InputSettings.Parse(options);
        return WriteAsync(options.Positional, options.Get("--attributes"), options.Get("--outcomes"), options.Get("--instance"), settings, outDir, stdout, progress, input, stderr);
    }

    public static ReportSettings Settings(Options options)
    {
        var schemeText = options.Get("--scheme") ?? "cai";
        return new ReportSettings
        {
            Runs = ReportSettings.CheckRuns(options.Get("--runs")),
            Scheme = ReportSettings.ParseScheme(schemeText),
            SchemeText = schemeText,
            Segment = [.. options.GetAll("--segment").Select(ReportSettings.ParseSegment)],
            OutcomeWindowDays = options.GetInt("--outcome-window", 30, 1, 3_660),
            TopMethod = ReportSettings.ParseTopMethod(options.Get("--top-method")),
        };
    }

    public static async Task<int> WriteAsync(
        IReadOnlyList<string> inputs, string? attributes, string? outcomes, string? instance, ReportSettings settings, string outDir, TextWriter stdout, Progress progress,
        InputSettings? reading = null, TextWriter? warnings = null)
    {
        ReportOutput.Prepare(outDir);
        var input = ReportInput.Load(inputs, attributes, outcomes, instance, progress, reading, warnings);
        var sections = ReportAnalyses.Compute(input, settings, progress);
        var path = Path.Combine(outDir, ReportOutput.Html);
        progress.Report("writing " + path);
        ReportOutput.Clear(outDir);
        await File.WriteAllTextAsync(path, HtmlReport.Render(input, settings, sections), new UTF8Encoding(false)).ConfigureAwait(false);
        var files = ReportFiles.Write(outDir, sections) + ReportFiles.WriteAudience(outDir, input.Table, sections).Count;
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {path} ({sections.Count} analyses of {input.Table.InstancePath}, {input.Table.Persons.Count:N0} persons) and {files} JSON and CSV files beside it")).ConfigureAwait(false);
        return 0;
    }
}
