using System.Globalization;
using CaiScores.Ingest;
using CaiScores.Samples;
using CaiScores.Serialization;

namespace CaiScores.Cli;

/// <summary>
/// The <c>cai-scores</c> command line. Exit codes: 0 success, 1 bad input (a file that cannot be read), 2 bad usage.
/// Errors are one line naming the file and the cause; <c>--verbose</c> adds the stack trace.
/// </summary>
internal static class CliApp
{
    private const string Usage = """
        cai-scores: read Adobe Customer AI score output and summarise it.

        Usage:
          cai-scores demo [--out DIR] [--persons N] [--runs N]
              Generate a deterministic synthetic CAI dataset (Experience Event format, weekly runs) as JSON Lines in DIR
              (default ./cai-demo), read it back and print the summary.
          cai-scores summary <file-or-folder>... [--namespace NS] [--skip-invalid]
              Read JSON Lines / JSON array files and print what was read, per run.
          cai-scores --help

        Options:
          --verbose   show stack traces on errors
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToList();
        try
        {
            if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help")
            {
                stdout.Write(Usage);
                return rest.Count == 0 ? 2 : 0;
            }

            return rest[0] switch
            {
                "demo" => await DemoAsync(Options.Parse(rest.Skip(1), ["--out", "--persons", "--runs"], []), stdout).ConfigureAwait(false),
                "summary" => await SummaryAsync(Options.Parse(rest.Skip(1), ["--namespace"], ["--skip-invalid"]), stdout).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command '{rest[0]}' (try --help)"),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("cai-scores: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is CaiIngestException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("cai-scores: " + (verbose ? e.ToString() : e.Message)).ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> DemoAsync(Options options, TextWriter stdout)
    {
        if (options.Positional.Count > 0)
        {
            throw new UsageException($"demo takes no file arguments, got '{options.Positional[0]}'");
        }

        var outDir = options.Get("--out") ?? "cai-demo";
        var sample = new CaiSampleOptions
        {
            Persons = options.GetInt("--persons", 5_000, 1, 10_000_000),
            Runs = options.GetInt("--runs", 13, 1, 520),
        };
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "customer-ai-scores-ee.jsonl");
        var written = CaiJsonWriter.WriteJsonLines(path, CaiSampleData.Generate(sample));
        await stdout.WriteLineAsync($"wrote {written.ToString("N0", CultureInfo.InvariantCulture)} records ({sample.Persons:N0} persons x {sample.Runs} weekly runs) to {path}").ConfigureAwait(false);
        var batch = await ScoreBatch.LoadAsync(path).ConfigureAwait(false);
        await ScoreSummary.WriteAsync(batch, stdout).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> SummaryAsync(Options options, TextWriter stdout)
    {
        if (options.Positional.Count == 0)
        {
            throw new UsageException("summary needs at least one file or folder");
        }

        var settings = new CaiScoresOptions
        {
            IdentityNamespace = options.Get("--namespace"),
            InvalidRecords = options.Has("--skip-invalid") ? InvalidRecordPolicy.Skip : InvalidRecordPolicy.Throw,
        };
        foreach (var path in options.Positional.Where(p => !File.Exists(p) && !Directory.Exists(p)))
        {
            throw new IOException($"{path}: no such file or folder");
        }

        var batch = await ScoreBatch.LoadAsync(options.Positional, settings).ConfigureAwait(false);
        await ScoreSummary.WriteAsync(batch, stdout).ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Wrong arguments: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
