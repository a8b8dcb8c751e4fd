using System.Diagnostics;
using System.Globalization;

namespace CaiScores.Cli;

/// <summary>
/// Progress lines for long work (<c>cai-scores: 1.2 s reading 3 score file(s)</c>), written to stderr only when stderr is a
/// terminal: quiet in pipes, logs and tests, and never on stdout.
/// </summary>
internal sealed class Progress(TextWriter? writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>No progress output.</summary>
    public static Progress None { get; } = new(null);

    /// <summary>Progress on <paramref name="stderr"/> when it is the console's stderr and that is not redirected.</summary>
    public static Progress For(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new Progress(stderr) : None;

    public void Report(string step) =>
        writer?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cai-scores: {_clock.Elapsed.TotalSeconds,5:0.0} s  {step}"));
}
