using System.Globalization;

namespace CaiScores.Benchmarks.Race;

/// <summary>The race's command line: <c>race [--persons N] [--runs N] [--repeats N] [--parquet] [--out FILE.md]</c>.</summary>
internal sealed record RaceOptions
{
    /// <summary>Persons (default 2,000,000).</summary>
    public int Persons { get; init; } = 2_000_000;

    /// <summary>Weekly runs (default 8; 4 to 16).</summary>
    public int Runs { get; init; } = 8;

    /// <summary>Timed runs per measurement after the warm-up (default 5).</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Whether to race end to end from Parquet files too.</summary>
    public bool Parquet { get; init; }

    /// <summary>A markdown file to write the report to, besides stdout.</summary>
    public string? Out { get; init; }

    /// <summary>Hidden: the engine whose peak memory a child process measures.</summary>
    public string? Probe { get; init; }

    /// <summary>The arguments as given (for the report).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Parses the arguments after <c>race</c>; null and a message on stderr when they are wrong.</summary>
    public static RaceOptions? Parse(string[] args)
    {
        var options = new RaceOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--persons" => options with { Persons = Number() },
                    "--runs" => options with { Runs = Number() },
                    "--repeats" => options with { Repeats = Number() },
                    "--parquet" => options with { Parquet = true },
                    "--out" => options with { Out = Next() },
                    "--probe" => options with { Probe = Next() },
                    _ => throw new FormatException($"unknown argument '{args[i]}'"),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine("race: " + e.Message);
                return null;
            }
        }

        if (options.Persons < 100 || options.Runs is < 4 or > 16 || options.Repeats < 1)
        {
            Console.Error.WriteLine("race: --persons is at least 100, --runs 4 to 16, --repeats at least 1");
            return null;
        }

        return options;
    }

    /// <summary>The arguments that reproduce this shape (for a child process).</summary>
    public string[] ShapeArguments() =>
        ["--persons", Persons.ToString(CultureInfo.InvariantCulture), "--runs", Runs.ToString(CultureInfo.InvariantCulture)];
}
