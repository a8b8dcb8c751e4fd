using System.Globalization;
using CaiScores.Transitions;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>The movement between each pair of consecutive runs of a series: <see cref="Movement(IReadOnlyList{TransitionMatrix}, ChartOptions?)"/> of its matrices.</summary>
    /// <param name="series">The result to draw.</param>
    /// <param name="options">Size, title and colouring; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Movement(TransitionSeries series, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Movement(series.Matrices, options);
    }

    /// <summary>
    /// Movement across a series of transition matrices (typically consecutive runs): a stacked bar per matrix, in the order
    /// given, of the persons who moved up a bucket or more, moved down, entered (scored only in the later run) and exited
    /// (scored only in the earlier). Persons who stayed are left out, so the bars show change alone.
    /// </summary>
    /// <param name="matrices">The matrices, one bar each, labelled by their runs (<c>01-04→01-11</c>; with the year when the runs span years).</param>
    /// <param name="options">Size, title and colouring; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Movement(IReadOnlyList<TransitionMatrix> matrices, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        options = ChartOptions.Validate(options);
        var years = matrices.Select(m => m.From.Year).Concat(matrices.Select(m => m.To.Year)).Distinct().Count() > 1;
        var format = years ? "yyyy-MM-dd" : "MM-dd";
        var up = ChartPalette.Cai(Bucketing.BucketScheme.Cai.Buckets[^1], options.Propensity)!;
        var down = ChartPalette.Cai(Bucketing.BucketScheme.Cai.Buckets[0], options.Propensity)!;
        BarSeries Series(string name, string color, Func<TransitionMatrix, long> value) =>
            new(name, [.. matrices.Select(_ => color)], [.. matrices.Select(m => (double)value(m))]);
        return new BarChart
        {
            Title = options.Title ?? "Persons who changed bucket, entered or left, per pair of runs",
            XTitle = "Pair of runs",
            YTitle = "People",
            Categories = [.. matrices.Select(m => $"{m.From.ToString(format, CultureInfo.InvariantCulture)}→{m.To.ToString(format, CultureInfo.InvariantCulture)}")],
            Series = [Series("Moved up", up, m => m.MovedUp), Series("Moved down", down, m => m.MovedDown), Series("Entered", ChartPalette.Single, m => m.Entries), Series("Exited", ChartPalette.NoValue, m => m.Exits)],
        }.Render(options);
    }
}
