using BenchmarkDotNet.Loggers;

namespace CaiScores.Benchmarks.Guard;

/// <summary>
/// Keeps BenchmarkDotNet's log short for the guard: one line per benchmark started, and every error in full.
/// </summary>
/// <param name="writer">Where the lines go (standard error: standard output carries the guard's table).</param>
internal sealed class ProgressLogger(TextWriter writer) : ILogger
{
    private readonly System.Text.StringBuilder _line = new();
    private LogKind _kind;

    public string Id => nameof(ProgressLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        _kind = _line.Length == 0 ? logKind : _kind;
        _line.Append(text);
    }

    public void WriteLine() => WriteLine(_kind, "");

    public void WriteLine(LogKind logKind, string text)
    {
        Write(logKind, text);
        var line = _line.ToString();
        _line.Clear();
        if (line.StartsWith("// Benchmark: ", StringComparison.Ordinal))
        {
            writer.WriteLine("guard: " + line["// Benchmark: ".Length..]);
        }
        else if (_kind is LogKind.Error || logKind is LogKind.Error)
        {
            writer.WriteLine(line);
        }
    }

    public void Flush() => writer.Flush();
}
