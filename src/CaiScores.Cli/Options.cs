using System.Globalization;

namespace CaiScores.Cli;

/// <summary>
/// A minimal parser: <c>--name value</c> options (a repeatable one keeps every value), <c>--flag</c> switches and positional
/// arguments. Unknown options and missing values are <see cref="UsageException"/>s.
/// </summary>
internal sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
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

                if (!options._values.TryGetValue(arg, out var list))
                {
                    options._values[arg] = list = [];
                }

                list.Add(e.Current);
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

    /// <summary>The value of an option given once; the last one when it was given several times.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Has(string flag) => _flags.Contains(flag);

    public int GetInt(string name, int defaultValue, int min, int max)
    {
        if (Get(name) is not { } text)
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
