using System.Globalization;

namespace CaiScores.Cli;

/// <summary>A minimal parser: <c>--name value</c> options, <c>--flag</c> switches and positional arguments.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Options Parse(IEnumerable<string> args, string[] valued, string[] flags)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (valued.Contains(arg))
            {
                if (!e.MoveNext())
                {
                    throw new UsageException($"{arg} needs a value");
                }

                options._values[arg] = e.Current;
            }
            else if (flags.Contains(arg))
            {
                options._flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}' (try --help)");
            }
            else
            {
                options.Positional.Add(arg);
            }
        }

        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    public int GetInt(string name, int defaultValue, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }
}
