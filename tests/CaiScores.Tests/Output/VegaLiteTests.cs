using System.Globalization;
using System.Text.Json.Nodes;
using CaiScores.Cohorts;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.Tests.Serialization;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output;

public sealed class VegaLiteTests
{
    [Fact]
    public void Cai_distribution() => Snapshot.Verify(VegaLite.Distribution(SampleResults.Distribution()), "json");

    [Fact]
    public void Histogram_of_scoring_events_per_person() => Snapshot.Verify(VegaLite.Histogram(SampleResults.Histogram()), "json");

    [Fact]
    public void Trend_by_bucket_stacked() => Snapshot.Verify(VegaLite.Trend(SampleResults.Trend()), "json");

    [Fact]
    public void Trend_by_tier_100_percent_stacked() =>
        Snapshot.Verify(VegaLite.Trend(SampleResults.TrendByTier(), new ChartOptions { PercentStacked = true }), "json");

    [Fact]
    public void Transition_matrix_as_a_heat_table() => Snapshot.Verify(VegaLite.Transitions(SampleResults.Transitions()), "json");

    [Fact]
    public void Cohort_table_as_a_heat_table() => Snapshot.Verify(VegaLite.Cohorts(SampleResults.Cohorts()), "json");

    [Fact]
    public void Every_spec_names_the_schema_and_a_title_and_carries_its_data_inline()
    {
        foreach (var spec in AllSpecs())
        {
            var node = JsonNode.Parse(spec)!;
            Assert.Equal(VegaLite.SchemaUrl, node["$schema"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(node["title"]!.GetValue<string>()));
            Assert.NotEmpty(node["data"]!["values"]!.AsArray());
            Assert.EndsWith("}\n", spec, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", spec, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Distribution_keeps_buckets_in_order_with_cai_colours_flipped_for_churn()
    {
        var distribution = SampleResults.Distribution();
        var spec = JsonNode.Parse(VegaLite.Distribution(distribution))!;
        Assert.Equal(distribution.Rows.Count, spec["data"]!["values"]!.AsArray().Count);
        Assert.Equal(["Low", "Medium", "High"], Strings(spec["encoding"]!["x"]!["sort"]));
        Assert.Equal(["Low", "Medium", "High"], Strings(spec["encoding"]!["color"]!["scale"]!["domain"]));
        Assert.Equal(["#D55E00", "#E6C229", "#009E73"], Strings(spec["encoding"]!["color"]!["scale"]!["range"]));
        Assert.Equal(distribution.Rows.Select(r => r.Count), spec["data"]!["values"]!.AsArray().Select(v => v!["count"]!.GetValue<long>()));

        var churn = JsonNode.Parse(VegaLite.Distribution(distribution, new ChartOptions { Propensity = PropensityKind.Churn }))!;
        Assert.Equal(["#009E73", "#E6C229", "#D55E00"], Strings(churn["encoding"]!["color"]!["scale"]!["range"]));
    }

    [Fact]
    public void Histogram_keeps_buckets_in_numeric_order()
    {
        var histogram = SampleResults.Histogram();
        var spec = JsonNode.Parse(VegaLite.Histogram(histogram))!;
        Assert.Equal(histogram.Rows.Count, spec["data"]!["values"]!.AsArray().Count);
        Assert.Equal(histogram.Rows.Select(r => r.Label), Strings(spec["encoding"]!["x"]!["sort"]));
        Assert.Equal(histogram.Rows.Select(r => r.Lo).Order(), histogram.Rows.Select(r => r.Lo));
    }

    [Fact]
    public void Trend_has_a_value_per_row_periods_in_time_order_and_stacks_in_series_order()
    {
        var trend = SampleResults.Trend();
        var spec = JsonNode.Parse(VegaLite.Trend(trend))!;
        Assert.Equal(trend.Rows.Count, spec["data"]!["values"]!.AsArray().Count);
        Assert.Equal(trend.Periods.Select(p => p.Label), Strings(spec["encoding"]!["x"]!["sort"]));
        Assert.Equal(trend.Periods.Select(p => p.Start).Order(), trend.Periods.Select(p => p.Start));
        Assert.Equal(trend.Series.Select(s => s.Label), Strings(spec["encoding"]!["color"]!["scale"]!["domain"]));
        Assert.Equal(["#D55E00", "#E6C229", "#009E73"], Strings(spec["encoding"]!["color"]!["scale"]!["range"]));
        Assert.Equal("seriesIndex", spec["encoding"]!["order"]!["field"]!.GetValue<string>());
        Assert.Equal("zero", spec["encoding"]!["y"]!["stack"]!.GetValue<string>());

        var percent = JsonNode.Parse(VegaLite.Trend(trend, new ChartOptions { PercentStacked = true }))!;
        Assert.Equal("normalize", percent["encoding"]!["y"]!["stack"]!.GetValue<string>());
        Assert.Equal("Share of people", percent["encoding"]!["y"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Transitions_have_a_value_per_cell_rows_and_columns_in_the_matrix_order()
    {
        var matrix = SampleResults.Transitions();
        var spec = JsonNode.Parse(VegaLite.Transitions(matrix))!;
        Assert.Equal(matrix.Rows.Sum(r => r.Cells.Count), spec["data"]!["values"]!.AsArray().Count);
        Assert.Equal(matrix.Rows.Select(r => r.From.Label), Strings(spec["encoding"]!["y"]!["sort"]));
        Assert.Equal(matrix.Columns.Select(c => c.To.Label), Strings(spec["encoding"]!["x"]!["sort"]));
        Assert.Equal("Entry", Strings(spec["encoding"]!["y"]!["sort"])[^1]);
        Assert.Equal("Exit", Strings(spec["encoding"]!["x"]!["sort"])[^1]);
        Assert.Equal(["rect", "text"], spec["layer"]!.AsArray().Select(l => l!["mark"]!["type"]!.GetValue<string>()));
        Assert.Equal(matrix.Rows.Sum(r => r.Total), spec["data"]!["values"]!.AsArray().Sum(v => v!["count"]!.GetValue<long>()));
    }

    [Fact]
    public void Cohorts_have_a_value_per_cell_and_the_average_row_last_green_for_retention_red_for_churn()
    {
        var cohorts = SampleResults.Cohorts();
        var spec = JsonNode.Parse(VegaLite.Cohorts(cohorts))!;
        var expected = cohorts.Rows.Sum(r => r.Cells.Count(c => c.Offset >= 1)) + cohorts.Average.Count(a => a.Offset >= 1);
        Assert.Equal(expected, spec["data"]!["values"]!.AsArray().Count);
        var rows = Strings(spec["encoding"]!["y"]!["sort"]);
        Assert.Equal([.. cohorts.Rows.Select(r => r.Label), "Average"], rows);
        Assert.Equal("+1 Week", Strings(spec["encoding"]!["x"]!["sort"])[0]);
        Assert.Equal(["#F7FCF5", "#006D2C"], Strings(spec["layer"]![0]!["encoding"]!["color"]!["scale"]!["range"]));

        var churn = CohortTable.Compute(SampleResults.Table, new CohortOptions { Granularity = CohortGranularity.Week, Type = CohortType.Churn });
        var churnSpec = JsonNode.Parse(VegaLite.Cohorts(churn))!;
        Assert.Equal(["#FFF5F0", "#A50F15"], Strings(churnSpec["layer"]![0]!["encoding"]!["color"]!["scale"]!["range"]));
    }

    [Fact]
    public void Hostile_strings_are_escaped_and_survive_parsing()
    {
        var trend = CaiJsonResultTests.HostileTrend(out var values);
        var spec = VegaLite.Trend(trend, new ChartOptions { Title = "</script><b>\"title\"</b>" });
        Assert.DoesNotContain("<script>", spec, StringComparison.Ordinal);
        Assert.DoesNotContain("</script>", spec, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", spec, StringComparison.Ordinal);
        var node = JsonNode.Parse(spec)!;
        Assert.Equal("</script><b>\"title\"</b>", node["title"]!.GetValue<string>());
        Assert.Equal(values.Order(StringComparer.Ordinal), Strings(node["encoding"]!["color"]!["scale"]!["domain"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Specs_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        List<string> german;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            german = AllSpecs();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal(AllSpecs(), german);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => VegaLite.Distribution(null!));
        Assert.Throws<ArgumentNullException>(() => VegaLite.Histogram(null!));
        Assert.Throws<ArgumentNullException>(() => VegaLite.Trend(null!));
        Assert.Throws<ArgumentNullException>(() => VegaLite.Transitions(null!));
        Assert.Throws<ArgumentNullException>(() => VegaLite.Cohorts(null!));
        var e = Assert.Throws<ArgumentException>(() => VegaLite.Distribution(SampleResults.Distribution(), new ChartOptions { Width = 10, Height = 10 }));
        Assert.Contains("Width", e.Message, StringComparison.Ordinal);
        Assert.Contains("Height", e.Message, StringComparison.Ordinal);
    }

    private static List<string> AllSpecs() =>
    [
        VegaLite.Distribution(SampleResults.Distribution()),
        VegaLite.Histogram(SampleResults.Histogram()),
        VegaLite.Trend(SampleResults.Trend()),
        VegaLite.Trend(SampleResults.TrendByTier(), new ChartOptions { PercentStacked = true }),
        VegaLite.Transitions(SampleResults.Transitions()),
        VegaLite.Cohorts(SampleResults.Cohorts()),
    ];

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
