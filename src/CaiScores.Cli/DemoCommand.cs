using System.Globalization;
using CaiScores.Cli.Report;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Serialization;

namespace CaiScores.Cli;

/// <summary>
/// <c>cai-scores demo</c>: generates a deterministic synthetic Customer AI dataset (scores as AEP-shaped Parquet and as JSON
/// Lines, person attributes, conversions) and writes the full report from those files.
/// </summary>
internal static class DemoCommand
{
    public const string Help = """
        cai-scores demo: generate a realistic synthetic Customer AI dataset and the full report from it.

        Usage:
          cai-scores demo [--out DIR] [--persons N] [--runs N] [--seed N]

        Writes, in DIR (default ./cai-demo):
          data/scores-parquet/part-00000-cai-demo.snappy.parquet   the scores as AEP exports them (Experience Event format)
          data/scores-jsonl/customer-ai-scores-ee.jsonl            the same scores as JSON Lines
          data/attributes.parquet                                  tier (bronze/silver/gold) and country per person
          data/outcomes.parquet                                    conversions (personId, timestamp, value)
          report.html                                              the report, made from the Parquet files

        Options:
          --out DIR       output folder (default cai-demo; created if missing)
          --persons N     persons (default 20,000)
          --runs N        weekly scoring runs from 2026-01-04 (default 13: a quarter)
          --seed N        random seed; the same seed gives the same data (default 42)
          --verbose       show stack traces on errors
          --help          show this help

        Conversions follow each person's probability within 7 days after a run, so the report's model evaluation shows a
        model that works. Influential factors follow the propensity (some are far more frequent in High, others in Low),
        and persons join, lapse and come back, so retention differs by cohort and falls week by week. Run 'cai-scores report --help' for the report's own options.
        """;

    public static async Task<int> RunAsync(IEnumerable<string> args, TextWriter stdout, Progress progress)
    {
        var options = Options.Parse(args, ["--out", "--persons", "--runs", "--seed"], []);
        if (options.Positional.Count > 0)
        {
            throw new UsageException($"demo takes no file arguments, got '{options.Positional[0]}'");
        }

        var outDir = options.Get("--out") ?? "cai-demo";
        var sample = new CaiSampleOptions
        {
            Persons = options.GetInt("--persons", 20_000, 1, 10_000_000),
            Runs = options.GetInt("--runs", 13, 1, 520),
            Seed = options.GetInt("--seed", 42, int.MinValue, int.MaxValue),
            FactorsFollowPropensity = true,
            VaryingRetention = true,
        };
        ReportOutput.Prepare(outDir);
        var data = Path.Combine(outDir, "data");
        var parquet = Path.Combine(data, "scores-parquet", "part-00000-cai-demo.snappy.parquet");
        var jsonl = Path.Combine(data, "scores-jsonl", "customer-ai-scores-ee.jsonl");
        var attributes = Path.Combine(data, "attributes.parquet");
        var outcomes = Path.Combine(data, "outcomes.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(parquet)!);
        Directory.CreateDirectory(Path.GetDirectoryName(jsonl)!);

        var inv = CultureInfo.InvariantCulture;
        progress.Report($"generating {sample.Persons:N0} persons x {sample.Runs} weekly runs");
        var writer = new CaiParquetWriter();
        var rows = writer.Write(parquet, CaiSampleData.Generate(sample));
        await stdout.WriteLineAsync(string.Create(inv, $"wrote {rows:N0} score records ({sample.Persons:N0} persons x {sample.Runs} weekly runs) to {parquet}")).ConfigureAwait(false);
        progress.Report("writing " + jsonl);
        CaiJsonWriter.WriteJsonLines(jsonl, CaiSampleData.Generate(sample));
        await stdout.WriteLineAsync($"wrote the same records as JSON Lines to {jsonl}").ConfigureAwait(false);
        progress.Report("writing attributes and outcomes");
        var attributeRows = writer.WriteAttributes(attributes, CaiSampleData.Attributes(sample));
        var outcomeRows = writer.WriteOutcomes(outcomes, CaiSampleData.Outcomes(sample));
        await stdout.WriteLineAsync(string.Create(inv, $"wrote {attributeRows:N0} person attributes to {attributes} and {outcomeRows:N0} conversions to {outcomes}")).ConfigureAwait(false);

        var settings = new ReportSettings { OutcomeWindowDays = sample.ConversionWindowDays };
        return await ReportCommand.WriteAsync([parquet], attributes, outcomes, null, settings, outDir, stdout, progress).ConfigureAwait(false);
    }
}
