using System.Globalization;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Cli.Report;

/// <summary>
/// Builds the report's segment from the <c>--segment</c> options and checks that it selects someone: an attribute the
/// table does not have, a value no person has, or options that together match no person scored in the selected runs are
/// an <see cref="InputException"/> (exit 1) that names what was asked and lists what the data hold, a case-insensitive
/// match first (<c>tier=Gold</c> when the data say <c>gold</c>). A report of an empty segment would be all zeros.
/// </summary>
internal static class ReportSegment
{
    /// <summary>The most values or attributes a message lists.</summary>
    private const int Listed = 20;

    /// <summary>The segment on a table for the selected runs, or null for everyone.</summary>
    public static Segment? On(ScoreTable table, IReadOnlyList<(string Attribute, string[] Values)> options, IReadOnlyList<ScoreRun> runs)
    {
        if (options.Count == 0)
        {
            return null;
        }

        var conditions = new Segment[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var (attribute, values) = options[i];
            var column = table.Attributes.Find(attribute) ?? throw new InputException(UnknownAttribute(table, attribute));
            conditions[i] = Segment.AttributeIn(attribute, values);
            if (conditions[i].Evaluate(table).Count == 0)
            {
                throw new InputException(NoOneHas(table, column, values));
            }
        }

        var segment = Segment.AllOf(conditions);
        var scored = Segment.AnyOf([.. runs.Select(r => Segment.PresentIn(r.ScoreDate))]);
        if (segment.And(scored).Evaluate(table).Count == 0)
        {
            var asked = string.Join(" and ", options.Select(o => $"{o.Attribute} = {string.Join(" or ", o.Values.Select(v => $"'{v}'"))}"));
            throw new InputException(options.Count == 1
                ? $"--segment: no person with {asked} is scored in the selected runs"
                : $"--segment: no person has {asked} and is scored in the selected runs (each option alone matches someone)");
        }

        return segment;
    }

    private static string UnknownAttribute(ScoreTable table, string attribute)
    {
        if (table.Attributes.Count == 0)
        {
            return $"--segment names the attribute '{attribute}', but no attributes were given (--attributes)";
        }

        var names = table.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
        return $"--segment names the attribute '{attribute}', but the attributes are {List(names)}{DidYouMean([attribute], names, "; ", "?")}";
    }

    private static string NoOneHas(ScoreTable table, PersonAttribute column, string[] values)
    {
        var held = Held(table, column);
        var asked = string.Join(" or ", values.Select(v => $"'{v}'"));
        var list = held.Count == 0 ? "no person has a value of it" : "values: " + List(held);
        return $"--segment: no person has {column.Name} = {asked}; {DidYouMean(values, held, string.Empty, "? ")}{list}";
    }

    /// <summary>"did you mean 'gold'" for the held names that equal an asked one but for case; empty when none does.</summary>
    private static string DidYouMean(IEnumerable<string> asked, IEnumerable<string> held, string before, string after)
    {
        var near = held.Where(h => asked.Any(a => string.Equals(a, h, StringComparison.OrdinalIgnoreCase))).ToList();
        return near.Count == 0 ? string.Empty : $"{before}did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}{after}";
    }

    /// <summary>The values some person of the table has in some run, in ordinal order.</summary>
    private static List<string> Held(ScoreTable table, PersonAttribute column)
    {
        var seen = new bool[column.Values.Count];
        var runs = column.VariesOverTime ? table.Runs.Count : Math.Min(1, table.Runs.Count); // a static attribute has one array for every run
        for (var r = 0; r < runs; r++)
        {
            foreach (var id in column.GetValueIds(r))
            {
                if (id >= 0)
                {
                    seen[id] = true;
                }
            }
        }

        return [.. Enumerable.Range(0, seen.Length).Where(i => seen[i]).Select(i => column.Values[i]).Order(StringComparer.Ordinal)];
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= Listed
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(Listed)) + string.Create(CultureInfo.InvariantCulture, $", … ({names.Count:N0} in all)");
}
