using System.Globalization;
using System.Xml.Linq;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Output;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output;

/// <summary>The outcome charts of <see cref="SvgCharts"/>: lift, cumulative gains, success events and the performance summary.</summary>
public sealed class SvgChartsOutcomesTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Lift_by_decile()
    {
        var evaluation = SampleResults.Evaluation();
        var svg = SvgCharts.Lift(evaluation);
        Snapshot.Verify(svg, "svg");
        Assert.Contains($"(AUC {evaluation.Auc:0.000})", Title(svg), StringComparison.Ordinal);

        // A bar per decile, in decile order, as tall as its lift; the dashed baseline is where a bar of lift 1.0 would end.
        var bars = Group(svg, "bars").Elements(Svg + "rect").ToList();
        Assert.Equal(evaluation.Rows.Select(r => $"Decile {r.Group}:"), bars.Select(b => b.Value.Split(' ')[0] + " " + b.Value.Split(' ')[1]));
        Assert.Equal(bars.Select(b => Number(b, "x")).Order(), bars.Select(b => Number(b, "x")));
        var pixelsPerUnit = Number(bars[0], "height") / evaluation.Rows[0].Lift!.Value;
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(evaluation.Rows[i].Lift!.Value * pixelsPerUnit, Number(bars[i], "height"), 0.02);
        }

        var axis = Number(bars[0], "y") + Number(bars[0], "height");
        var baseline = Points(Group(svg, "references").Element(Svg + "polyline")!);
        Assert.All(baseline, p => Assert.Equal(axis - pixelsPerUnit, p.Y, 0.02));
        Assert.Contains(Texts(svg), t => t == "1.0 = random");
        Assert.Contains(evaluation.Rows, r => r.Lift > 1.2);
        Assert.Contains(evaluation.Rows, r => r.Lift < 0.8);
    }

    [Fact]
    public void Cumulative_gains()
    {
        var evaluation = SampleResults.Evaluation();
        var svg = SvgCharts.Gains(evaluation);
        Snapshot.Verify(svg, "svg");
        Assert.Contains($"(AUC {evaluation.Auc:0.000})", Title(svg), StringComparison.Ordinal);

        // Random diagonal, perfect model, then the model's curve: from the plot's origin to its top right, never falling.
        var lines = Group(svg, "lines").Elements(Svg + "polyline").Select(Points).ToList();
        Assert.Equal(3, lines.Count);
        var (random, perfect, model) = (lines[0], lines[1], lines[2]);
        Assert.Equal(2, random.Count);
        Assert.Equal(random[0], model[0]);
        Assert.Equal(random[1], model[^1]);
        Assert.True(random[0].X < random[1].X && random[0].Y > random[1].Y);
        Assert.Equal(evaluation.Groups + 1, model.Count);
        for (var i = 1; i < model.Count; i++)
        {
            Assert.True(model[i].X >= model[i - 1].X && model[i].Y <= model[i - 1].Y, $"point {i} goes back or down");
        }

        // The model beats random (AUC > 0.5) but not the perfect model, which reaches 100 % at the overall rate.
        Assert.True(model[1].Y < Interpolate(random, model[1].X));
        Assert.Equal(random[1].Y, perfect[1].Y, 0.01);
        Assert.Equal(random[0].X + ((random[1].X - random[0].X) * evaluation.OverallRate!.Value), perfect[1].X, 0.02);
        Assert.Equal(evaluation.Groups, Group(svg, "points").Elements(Svg + "circle").Count() - 1);
    }

    [Fact]
    public void No_conversions_say_so()
    {
        var none = OutcomeEvents.Join(SampleResults.Table, []);
        var evaluation = ModelEvaluation.Compute(SampleResults.Table, none, new ModelEvaluationOptions { OutcomeWindowDays = 7 });
        Assert.Equal(0, evaluation.Positives);
        foreach (var svg in new[] { SvgCharts.Lift(evaluation), SvgCharts.Gains(evaluation) })
        {
            AssertWellFormed(svg);
            Assert.Contains("No conversion in the 7-day window", Group(svg, "message").Value, StringComparison.Ordinal);
            Assert.DoesNotContain(XDocument.Parse(svg).Descendants(Svg + "g"), g => (string?)g.Attribute("class") is "bars" or "lines");
        }

        var success = SuccessEventsByBucket.Compute(SampleResults.Table, none);
        var rates = SvgCharts.SuccessEvents(success);
        AssertWellFormed(rates);
        Assert.All(Group(rates, "bars").Elements(Svg + "rect"), b => Assert.Equal(0, Number(b, "height")));
        Assert.Equal(["0.0%", "0.0%", "0.0%"], Group(rates, "bar-labels").Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void One_group_and_groups_without_persons()
    {
        var one = ModelEvaluation.Compute(SampleResults.Table, SampleResults.Outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 7, Groups = 1 });
        var lift = SvgCharts.Lift(one);
        AssertWellFormed(lift);
        Assert.Equal(["1.00"], Group(lift, "bar-labels").Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains("Group of persons ranked by score (1 = highest)", Texts(lift));
        var gains = Group(SvgCharts.Gains(one), "lines").Elements(Svg + "polyline").Select(Points).ToList();
        Assert.Equal(gains[0], gains[2]); // one group: the model's curve is the diagonal

        // Three persons in ten deciles: seven groups are empty and have no bar.
        var few = CaiScores.Columnar.ScoreTable.FromScores(Enumerable.Range(0, 3).Select(i => TestData.Fixtures.Score($"p{i}", 10 + (30 * i), new DateOnly(2026, 1, 5)))).Single();
        var outcomes = OutcomeEvents.Join(few, [new OutcomeRecord { PersonId = "p2", Timestamp = new DateTimeOffset(2026, 1, 6, 12, 0, 0, TimeSpan.Zero) }]);
        var sparse = ModelEvaluation.Compute(few, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 7 });
        var svg = SvgCharts.Lift(sparse);
        AssertWellFormed(svg);
        Assert.Equal(3, Group(svg, "bars").Elements(Svg + "rect").Count());
        Assert.Equal(7, Texts(svg).Count(t => t == "–"));
        AssertWellFormed(SvgCharts.Gains(sparse));

        // No probabilities and no window passed: the performance summary has no rate at all, and says so.
        var performance = SvgCharts.Performance(PerformanceSummary.Compute(few, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7 }));
        AssertWellFormed(performance);
        Assert.StartsWith("No rate to draw yet", Group(performance, "message").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Success_events_by_bucket()
    {
        var events = SampleResults.SuccessEvents();
        var svg = SvgCharts.SuccessEvents(events);
        Snapshot.Verify(svg, "svg");
        var bars = Group(svg, "bars").Elements(Svg + "rect").ToList();
        Assert.Equal(["#D55E00", "#E6C229", "#009E73"], bars.Select(b => (string)b.Attribute("fill")!));
        var pixelsPerUnit = Number(bars[^1], "height") / events.Rows[^1].ConversionRate!.Value;
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(events.Rows[i].ConversionRate!.Value * pixelsPerUnit, Number(bars[i], "height"), 0.02);
            Assert.StartsWith($"{events.Rows[i].Bucket.DisplayName}: {events.Rows[i].PeopleWithEvents} of {events.Rows[i].People} people", bars[i].Value, StringComparison.Ordinal);
        }

        Assert.True(events.Rows[^1].ConversionRate > events.Rows[0].ConversionRate);
        var churn = SvgCharts.SuccessEvents(events, new ChartOptions { Propensity = PropensityKind.Churn });
        Assert.Equal(["#009E73", "#E6C229", "#D55E00"], Group(churn, "bars").Elements(Svg + "rect").Select(b => (string)b.Attribute("fill")!));
    }

    [Fact]
    public void Performance_summary()
    {
        var summary = SampleResults.Performance();
        var svg = SvgCharts.Performance(summary);
        Snapshot.Verify(svg, "svg");

        // Per bucket an expected (dashed) and an actual (solid) line; a dot per known rate, each with its tooltip.
        var lines = Group(svg, "lines").Elements(Svg + "polyline").ToList();
        Assert.Equal(["#D55E00", "#D55E00", "#E6C229", "#E6C229", "#009E73", "#009E73"], lines.Select(l => (string)l.Attribute("stroke")!));
        Assert.Equal([true, false, true, false, true, false], lines.Select(l => l.Attribute("stroke-dasharray") is not null));
        var known = summary.Rows.Count(r => r.Profiles > 0 && r.ExpectedRate is not null) + summary.Rows.Count(r => r.Profiles > 0 && r.ActualRate is not null);
        Assert.Equal(known, Group(svg, "points").Elements(Svg + "circle").Count());
        Assert.Equal(summary.Runs.Select(r => r.Run.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Group(svg, "x-axis").Elements(Svg + "text").Take(summary.Runs.Count).Select(t => t.Value));

        // The last run's window has not passed: its actual rates are missing, so the actual lines are one run shorter.
        Assert.False(summary.Runs[^1].WindowPassed);
        Assert.Equal(Points(lines[0]).Count - 1, Points(lines[1]).Count);
        Assert.Contains("1 run whose window has not passed", string.Join("|", Texts(svg)), StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_performance_takes_the_churn_colours()
    {
        var churn = PerformanceSummary.Compute(SampleResults.Table, SampleResults.Outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7, Kind = PropensityKind.Churn });
        var svg = SvgCharts.Performance(churn);
        Assert.Equal("#009E73", (string)Group(svg, "lines").Elements(Svg + "polyline").First().Attribute("stroke")!);
        Assert.Contains("churn rate", Title(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var evaluation = SampleResults.Evaluation();
        var events = SampleResults.SuccessEvents();
        var summary = SampleResults.Performance();
        string[] Draw() => [SvgCharts.Lift(evaluation), SvgCharts.Gains(evaluation), SvgCharts.SuccessEvents(events), SvgCharts.Performance(summary)];
        var invariant = Draw();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, Draw());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.All(invariant, AssertWellFormed);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Lift(null!));
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Gains(null!));
        Assert.Throws<ArgumentNullException>(() => SvgCharts.SuccessEvents(null!));
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Performance(null!));
        var e = Assert.Throws<ArgumentException>(() => SvgCharts.Gains(SampleResults.Evaluation(), new ChartOptions { Height = 20 }));
        Assert.Contains("Height 20", e.Message, StringComparison.Ordinal);
    }

    internal static void AssertWellFormed(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "title")?.Value));
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", svg, StringComparison.Ordinal);
    }

    private static string Title(string svg) => XDocument.Parse(svg).Root!.Element(Svg + "title")!.Value;

    private static List<string> Texts(string svg) => [.. XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value)];

    private static XElement Group(string svg, string name) =>
        XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == name);

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static List<(double X, double Y)> Points(XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>The y of a straight line through two points at <paramref name="x"/>.</summary>
    private static double Interpolate(List<(double X, double Y)> line, double x) =>
        line[0].Y + ((line[1].Y - line[0].Y) * (x - line[0].X) / (line[1].X - line[0].X));
}
