using CaiScores.Cli.Report;
using CaiScores.Ingest;

namespace CaiScores.Cli;

/// <summary>
/// The <c>cai-scores</c> command line. Exit codes: 0 success, 1 bad input (a file that cannot be read, a selection that
/// matches nothing), 2 bad usage. Errors are one line, <c>cai-scores: &lt;file&gt;: &lt;cause&gt;</c>; <c>--verbose</c> adds
/// the stack trace. Progress goes to stderr, and only when stderr is a terminal.
/// </summary>
internal static class CliApp
{
    private const string Usage = """
        cai-scores: analyse Adobe Customer AI score output as Customer Journey Analytics does.

        Usage:
          cai-scores demo [--out DIR] [--persons N] [--runs N] [--seed N]
              Generate a realistic synthetic dataset (Parquet, JSON Lines, attributes, conversions) and its full report.
          cai-scores report <file-or-folder>... --out DIR [--attributes F] [--outcomes F] [--instance K] [--runs R]
                            [--scheme S] [--segment A=V]... [--top-method M] [reading options, see report --help]
              Read Parquet, JSON Lines or Arrow score files and write one self-contained report.html.
          cai-scores audience <file-or-folder>... --out FILE.csv|DIR [--top P | --bucket B | --transition FROM:TO]
                              [--segment A=V]... [--run D] [--columns C,...] [reading options, see audience --help]
              Write the ids of the chosen persons as CSV for an AEP audience upload.
          cai-scores summary <file-or-folder>... [--identity-namespace NS] [--skip-invalid] [--out-of-range P]
                             [--duplicates P]
              Read JSON Lines / JSON array files and print what was read, per run.
          cai-scores <command> --help
              Show a command's options.
          cai-scores --version
              Show the version (and the commit it was built from).

        Options:
          --verbose   show stack traces on errors
        """;

    private const string SummaryHelp = """
        cai-scores summary: read JSON Lines / JSON array score files and print what was read, per instance and run.

        Usage:
          cai-scores summary <file-or-folder>... [--identity-namespace NS] [--skip-invalid] [--out-of-range P] [--duplicates P]

        Options:
          --identity-namespace NS  the identity namespace to take the person id from (default: the primary identity);
                                   --namespace NS is the same
          --skip-invalid           skip invalid records (counted; the first few named on stderr) instead of stopping at
                                   the first
          --out-of-range POLICY    keep (default; a warning on stderr names the count and the worst value), clamp or
                                   exclude
          --duplicates POLICY      last-wins (default), first-wins or keep-all
          --verbose                show stack traces on errors
          --help                   show this help
        """;

    /// <summary>
    /// <c>cai-scores 0.1.0 (commit 52f6d06)</c>: the package version, and the commit the build came from where the build knew
    /// it (the SDK appends it to the informational version as <c>+sha</c>).
    /// </summary>
    public static string VersionText
    {
        get
        {
            var informational = typeof(CliApp).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0
                ? $"cai-scores {informational}"
                : $"cai-scores {informational[..plus]} (commit {informational[(plus + 1)..Math.Min(informational.Length, plus + 8)]})";
        }
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToList();
        var progress = Progress.For(stderr);
        try
        {
            if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help")
            {
                await (rest.Count == 0 ? stderr : stdout).WriteAsync(Usage).ConfigureAwait(false);
                return rest.Count == 0 ? 2 : 0;
            }

            if (rest is ["--version"])
            {
                await stdout.WriteLineAsync(VersionText).ConfigureAwait(false);
                return 0;
            }

            var command = rest[0];
            var commandArgs = rest.Skip(1).ToList();
            if (commandArgs.Contains("--help") || commandArgs.Contains("-h"))
            {
                await stdout.WriteAsync(command switch
                {
                    "demo" => DemoCommand.Help,
                    "report" => ReportCommand.Help,
                    "audience" => AudienceCommand.Help,
                    "summary" => SummaryHelp,
                    _ => throw new UsageException($"unknown command '{command}' (try --help)"),
                }).ConfigureAwait(false);
                return 0;
            }

            return command switch
            {
                "demo" => await DemoCommand.RunAsync(commandArgs, stdout, progress).ConfigureAwait(false),
                "report" => await ReportCommand.RunAsync(commandArgs, stdout, stderr, progress).ConfigureAwait(false),
                "audience" => await AudienceCommand.RunAsync(commandArgs, stdout, stderr, progress).ConfigureAwait(false),
                "summary" => await SummaryAsync(Options.Parse(commandArgs, ["--namespace", .. InputSettings.PolicyValued], InputSettings.Flags), stdout, stderr).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command '{command}' (try --help)"),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("cai-scores: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (IsInputError(e))
        {
            await stderr.WriteLineAsync("cai-scores: " + (verbose ? e.ToString() : OneLine(e))).ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not an input problem the library reports: still one line (a bug report wants --verbose).
            await stderr.WriteLineAsync("cai-scores: " + (verbose ? e.ToString() : $"unexpected error: {OneLine(e)} (run with --verbose for the stack trace)")).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// Input the command cannot use: a missing or unreadable file, invalid data, or a selection the library rejects for
    /// these data (an argument exception from an analysis: a run, bucket or attribute the table does not have).
    /// </summary>
    private static bool IsInputError(Exception e) =>
        e is CaiIngestException or InputException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException;

    /// <summary>The message on one line, naming the file where the exception knows it and the message does not.</summary>
    private static string OneLine(Exception e)
    {
        var message = e.Message;
        if (e is FileNotFoundException { FileName: { } file } && !message.Contains(file, StringComparison.Ordinal))
        {
            message = $"{file}: {message}";
        }

        return message.ReplaceLineEndings(" ");
    }

    private static async Task<int> SummaryAsync(Options options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Positional.Count == 0)
        {
            throw new UsageException("summary needs at least one file or folder");
        }

        var settings = InputSettings.Parse(options, namespaceAlias: "--namespace").Scores;
        foreach (var path in options.Positional.Where(p => !File.Exists(p) && !Directory.Exists(p)))
        {
            throw new IOException($"{path}: no such file or folder");
        }

        var batch = await ScoreBatch.LoadAsync(options.Positional, settings).ConfigureAwait(false);
        await ScoreSummary.WriteAsync(batch, stdout).ConfigureAwait(false);
        var ingest = batch.Diagnostics;
        InputWarnings.Write(stderr, ingest.SkippedFiles, ingest, settings.OutOfRange, ingest.OutOfRange.Total > 0 ? InputWarnings.Worst(batch.Records) : null);
        return 0;
    }
}

/// <summary>Wrong arguments: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
