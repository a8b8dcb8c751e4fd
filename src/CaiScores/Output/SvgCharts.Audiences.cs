using CaiScores.Audiences;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>
    /// An audience against its run: a bar per bucket as tall as the share of the bucket's scored persons that are in the
    /// audience, labelled with the count of each.
    /// </summary>
    /// <param name="audience">The result to draw.</param>
    /// <param name="options">Size and title; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>A bucket with no scored person has no bar ("–"); an audience of a table without runs, or with no one scored
    /// in the run, says so instead of drawing bars. Persons of the audience not scored in the run are noted under the chart.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="audience"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Audience(Audience audience, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(audience);
        options = ChartOptions.Validate(options);
        var rows = audience.Buckets;
        var bars = rows.Select(r => r.Share is { } share
            ? new ValueBar(share, ChartPalette.Single, ChartText.Percent(share), $"{r.Bucket}: {ChartText.Count(r.Persons)} of {ChartText.Count(r.Scored)} scored persons in the audience ({ChartText.Percent(share)})")
            : null).ToList();
        return new LineChart
        {
            Title = options.Title ?? (audience.Run is { } run ? $"Audience by bucket, run {ChartText.Date(run)}" : "Audience by bucket"),
            XTitle = "Bucket",
            YTitle = "In the audience ÷ scored",
            YFormat = ValueFormat.Percent,
            Categories = [.. rows.Select(r => r.Bucket)],
            SubLabels = [.. rows.Select(r => $"{ChartText.Count(r.Persons)} of {ChartText.Count(r.Scored)}")],
            Bars = bars,
            Notes = audience.NotScoredInRun > 0 ? [$"{ChartText.Plural(audience.NotScoredInRun, "person")} of the audience {(audience.NotScoredInRun == 1 ? "is" : "are")} not scored in this run."] : [],
            Message = bars.All(b => b is null) ? "No one is scored in this run" : null,
        }.Render(options);
    }
}
