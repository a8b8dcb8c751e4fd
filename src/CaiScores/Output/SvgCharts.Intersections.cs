using CaiScores.Overlaps;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>
    /// The set intersections as an UpSet plot: a column per exclusive region, largest first, its people as a bar above a
    /// dot matrix that marks (filled and joined) the sets the region is in; a row per set with its name and size.
    /// </summary>
    /// <param name="intersections">The result to draw.</param>
    /// <param name="options">Width and title; null for the defaults. The plot is at least <see cref="ChartOptions.Height"/> tall, taller for many sets.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// Columns are at least 20 pixels wide: regions that do not fit the width are left out (the smallest, as the regions
    /// are largest first) and counted in a note. With no person in any set the chart says so.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="intersections"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Intersections(SetIntersections intersections, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(intersections);
        options = ChartOptions.Validate(options);
        var union = ChartText.Count(intersections.Union);
        return new UpSetChart
        {
            Title = options.Title ?? $"Intersections of {ChartText.Plural(intersections.Names.Count, "set")}, {Runs(intersections.Runs, intersections.Range)}",
            SetNames = intersections.Names,
            SetSizes = [.. intersections.Sets.Select(s => s.Count)],
            Columns = [.. intersections.Regions.Select(r => new UpSetColumn(r.Members, r.Count, $"{r.Label}: {ChartText.Count(r.Count)} people ({ChartText.Percent(r.ShareOfUnion)} of the {union} in any set)"))],
            Notes = [$"{union} of {ChartText.Count(intersections.BaseCount)} people are in at least one set; each is in exactly one column."],
            Message = intersections.Union == 0 ? "No person is in any of the sets" : null,
        }.Render(options);
    }
}
