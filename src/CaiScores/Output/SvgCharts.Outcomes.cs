using System.Globalization;
using CaiScores.Models;
using CaiScores.Outcomes;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    private const string RandomGrey = "#888888";

    /// <summary>
    /// Customer AI's lift chart: a bar per group (decile) of the run's persons ranked by score, highest first, as tall as
    /// its lift (its conversion rate over the overall rate), with the value above it and a dashed line at 1.0, the lift of
    /// a random pick. The AUC is in the title.
    /// </summary>
    /// <param name="evaluation">The result to draw.</param>
    /// <param name="options">Size and title; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// An empty group (fewer persons than groups) has no bar and shows "–". With no conversion in the window (or nobody
    /// ranked) lift is undefined: the chart says so instead of drawing bars. A window that has not passed yet is noted
    /// under the chart, as conversions may still be missing.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Lift(ModelEvaluation evaluation, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        options = ChartOptions.Validate(options);
        var rows = evaluation.Rows;
        var unit = evaluation.Groups == 10 ? "Decile" : "Group";
        var bars = rows.Select(r => r.Lift is { } lift && double.IsFinite(lift)
            ? new ValueBar(lift, ChartPalette.Single, lift.ToString("0.00", CultureInfo.InvariantCulture), $"{unit} {r.Group}: {ChartText.Count(r.Positives)} of {ChartText.Count(r.Count)} converted ({ChartText.Percent(r.Rate ?? 0)}), lift {lift.ToString("0.00", CultureInfo.InvariantCulture)}")
            : null).ToList();
        return new LineChart
        {
            Title = options.Title ?? $"Lift by {unit.ToLowerInvariant()}, run {ChartText.Date(evaluation.Run)}{Auc(evaluation)}",
            XTitle = $"{unit} of persons ranked by score (1 = highest)",
            YTitle = "Lift (conversion rate ÷ overall rate)",
            YFormat = ValueFormat.Ratio,
            Categories = [.. rows.Select(r => r.Group.ToString(CultureInfo.InvariantCulture))],
            SubLabels = [.. rows.Select(r => r.Rate is { } rate ? ChartText.Percent(rate) : "–")],
            Bars = bars,
            References = [new ReferenceLine(1, "1.0 = random")],
            Notes = EvaluationNotes(evaluation, "Under each group: its conversion rate. "),
            Message = EvaluationProblem(evaluation, "lift"),
        }.Render(options);
    }

    /// <summary>
    /// Customer AI's cumulative gains chart: the share of all conversions captured (y) against the share of persons
    /// targeted from the highest scores down (x), a dot per group (decile), with the random pick (the diagonal) and the
    /// perfect model (every converter ranked first) for comparison. The AUC is in the title.
    /// </summary>
    /// <param name="evaluation">The result to draw.</param>
    /// <param name="options">Size and title; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// The curve runs from (0, 0) through each group's <see cref="DecileRow.CumulativeShare"/> and
    /// <see cref="DecileRow.CumulativeGain"/> to (1, 1). The perfect model reaches 100 % at the share of persons that
    /// converted (<see cref="ModelEvaluation.OverallRate"/>). With no conversion in the window (or nobody ranked) there
    /// is no curve: the chart says so.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Gains(ModelEvaluation evaluation, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        options = ChartOptions.Validate(options);
        var unit = evaluation.Groups == 10 ? "decile" : "group";
        var problem = EvaluationProblem(evaluation, "gains curve");
        var model = new List<LinePoint?> { new LinePoint(0, 0, "Nobody targeted: 0% of conversions") };
        foreach (var row in evaluation.Rows)
        {
            if (row.CumulativeGain is { } gain && double.IsFinite(gain) && row.Count > 0)
            {
                model.Add(new LinePoint(row.CumulativeShare, gain, $"Top {(row.Group == 1 ? unit : $"{row.Group} {unit}s")} ({ChartText.Percent(row.CumulativeShare)} of persons): {ChartText.Percent(gain)} of conversions"));
            }
        }

        var rate = evaluation.OverallRate ?? 0;
        return new LineChart
        {
            Title = options.Title ?? $"Cumulative gains, run {ChartText.Date(evaluation.Run)}{Auc(evaluation)}",
            XTitle = "Share of persons targeted, highest scores first",
            YTitle = "Share of conversions captured",
            XMax = 1,
            XFormat = ValueFormat.Percent,
            YFormat = ValueFormat.Percent,
            YMax = 1,
            Lines = problem is not null ? [] :
            [
                new LineSeries(RandomGrey, [new LinePoint(0, 0, string.Empty), new LinePoint(1, 1, string.Empty)], "6 4", 1.5, Markers: false),
                new LineSeries(ChartPalette.Green, [new LinePoint(0, 0, string.Empty), new LinePoint(rate, 1, string.Empty), new LinePoint(1, 1, string.Empty)], "2 3", 1.5, Markers: false),
                new LineSeries(ChartPalette.Single, model),
            ],
            Legend = problem is not null ? [] :
            [
                new LegendItem("Model", ChartPalette.Single, Line: true),
                new LegendItem("Perfect", ChartPalette.Green, Line: true, Dash: "2 3"),
                new LegendItem("Random", RandomGrey, Line: true, Dash: "6 4"),
            ],
            Notes = EvaluationNotes(evaluation, string.Empty),
            Message = problem,
        }.Render(options);
    }

    /// <summary>
    /// Success events by bucket as a bar per bucket of its conversion rate (people with an outcome over people), in CAI's
    /// colours, the rate above each bar and the bucket's people under its label.
    /// </summary>
    /// <param name="events">The result to draw.</param>
    /// <param name="options">Size, title and colouring; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// A bucket without people has no rate and no bar ("–"); when no bucket has people the chart says so. The tooltip of a
    /// bar also gives the events and the events per person.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string SuccessEvents(SuccessEventsByBucket events, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        options = ChartOptions.Validate(options);
        var rows = events.Rows;
        var bars = rows.Select(r => r.ConversionRate is { } rate && double.IsFinite(rate)
            ? new ValueBar(rate, ChartPalette.Cai(r.Bucket, options.Propensity) ?? ChartPalette.Single, ChartText.Percent(rate), $"{r.Bucket.DisplayName}: {ChartText.Count(r.PeopleWithEvents)} of {ChartText.Count(r.People)} people with an outcome ({ChartText.Percent(rate)}); {ChartText.Plural(r.Events, "event")}, {(r.EventsPerPerson ?? 0).ToString("0.00", CultureInfo.InvariantCulture)} per person")
            : null).ToList();
        var window = events.OutcomeWindowDays is { } days ? $"outcomes within {ChartText.Plural(days, "day")}" : "every outcome";
        return new LineChart
        {
            Title = options.Title ?? $"Conversion rate by {FieldName(events.Scheme.Field).ToLowerInvariant()} bucket, run {ChartText.Date(events.Run)} ({window})",
            XTitle = $"{FieldName(events.Scheme.Field)} bucket",
            YTitle = "People with an outcome ÷ people",
            YFormat = ValueFormat.Percent,
            Categories = [.. rows.Select(r => r.Bucket.DisplayName)],
            SubLabels = [.. rows.Select(r => ChartText.Plural(r.People, "person").Replace("persons", "people", StringComparison.Ordinal))],
            Bars = bars,
            Notes = events.NoValue + events.NaNCount > 0 ? [$"{ChartText.Count(events.NoValue + events.NaNCount)} people without a value are in no bucket."] : [],
            Message = bars.All(b => b is null) ? "No people in any bucket of this run" : null,
        }.Render(options);
    }

    /// <summary>
    /// Customer AI's performance summary: per bucket a line of the expected rate (mean probability, dashed) and one of the
    /// actual rate (solid) over the runs, in CAI's colours for the model's kind (conversion or churn).
    /// </summary>
    /// <param name="summary">The result to draw.</param>
    /// <param name="options">Size and title; null for the defaults. The colours follow <see cref="PerformanceSummary.Kind"/>, not <see cref="ChartOptions.Propensity"/>.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// A run whose outcome window has not passed has no actual rate, so the solid line stops before it while the dashed
    /// expected line goes on, as in Customer AI. A bucket without profiles in a run has neither. With no run, or no rate
    /// known at all, the chart says so.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Performance(PerformanceSummary summary, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options = ChartOptions.Validate(options);
        var runs = summary.Runs;
        var buckets = summary.Scheme.Buckets;
        var verb = summary.Kind == PropensityKind.Churn ? "churned" : "converted";
        var lines = new List<LineSeries>(2 * buckets.Count);
        var legend = new List<LegendItem>(buckets.Count + 2);
        for (var b = 0; b < buckets.Count; b++)
        {
            var bucket = buckets[b];
            var color = ChartPalette.Bucket(bucket, b, buckets.Count, summary.Kind);
            var expected = new LinePoint?[runs.Count];
            var actual = new LinePoint?[runs.Count];
            foreach (var row in summary.Rows.Where(r => r.Bucket == bucket))
            {
                var r = IndexOfRun(runs, row.Run);
                if (r < 0 || row.Profiles == 0)
                {
                    continue;
                }

                var date = ChartText.Date(row.Run);
                if (row.ExpectedRate is { } e && double.IsFinite(e))
                {
                    expected[r] = new LinePoint(r, e, $"{bucket.DisplayName}, run {date}: expected {ChartText.Percent(e)} of {ChartText.Count(row.Profiles)} profiles");
                }

                if (row.ActualRate is { } a && double.IsFinite(a))
                {
                    actual[r] = new LinePoint(r, a, $"{bucket.DisplayName}, run {date}: {ChartText.Count(row.Events ?? 0)} of {ChartText.Count(row.Profiles)} profiles {verb} ({ChartText.Percent(a)})");
                }
            }

            lines.Add(new LineSeries(color, expected, "6 4", 2));
            lines.Add(new LineSeries(color, actual));
            legend.Add(new LegendItem(bucket.DisplayName, color));
        }

        legend.Add(new LegendItem("Actual", "#444444", Line: true));
        legend.Add(new LegendItem("Expected", "#444444", Line: true, Dash: "6 4"));
        var pending = runs.Count(r => !r.WindowPassed);
        var rate = summary.Kind == PropensityKind.Churn ? "churn" : "conversion";
        return new LineChart
        {
            Title = options.Title ?? $"Expected and actual {rate} rate by bucket ({summary.OutcomeWindowDays}-day window)",
            XTitle = "Scoring run",
            YTitle = $"Share of profiles that {verb}",
            YFormat = ValueFormat.Percent,
            Categories = [.. runs.Select(r => ChartText.Date(r.Run))],
            Lines = lines,
            Legend = legend,
            Notes = pending > 0 ? [$"{ChartText.Plural(pending, "run")} whose window has not passed: expected rate only."] : [],
            Message = runs.Count == 0 ? "No scoring run in the range"
                : lines.All(l => l.Points.All(p => p is null)) ? "No rate to draw yet: no probabilities, and no outcome window has passed"
                : null,
        }.Render(options);
    }

    private static int IndexOfRun(IReadOnlyList<PerformanceRun> runs, DateOnly run)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Run == run)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Auc(ModelEvaluation evaluation) =>
        evaluation.Auc is { } auc && double.IsFinite(auc) ? $" (AUC {auc.ToString("0.000", CultureInfo.InvariantCulture)})" : string.Empty;

    /// <summary>Why an evaluation has nothing to draw, or null when it has.</summary>
    private static string? EvaluationProblem(ModelEvaluation evaluation, string what) =>
        evaluation.Count == 0 ? $"Nobody was ranked in this run: no {what} to draw"
        : evaluation.Positives == 0 ? $"No conversion in the {evaluation.OutcomeWindowDays}-day window: no {what} to draw"
        : null;

    private static List<string> EvaluationNotes(ModelEvaluation evaluation, string prefix)
    {
        var notes = new List<string>
        {
            $"{prefix}{ChartText.Count(evaluation.Count)} persons ranked, {ChartText.Count(evaluation.Positives)} converted within {ChartText.Plural(evaluation.OutcomeWindowDays, "day")} ({ChartText.Percent(evaluation.OverallRate ?? 0)}).",
        };
        if (!evaluation.IsComplete)
        {
            notes.Add("The outcome window has not passed yet: conversions may still be missing.");
        }

        return notes;
    }
}
