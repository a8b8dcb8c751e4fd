using System.Text.RegularExpressions;
using CaiScores.Output;

namespace CaiScores.Tests.Output.Tables;

public sealed partial class ResultTablesTests
{
    public static TheoryData<string> SampleNames() => [.. SampleResults.All().Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_sample_result_tabulates_with_stable_names(string sample)
    {
        var result = SampleResults.All().Single(r => r.Name == sample).Result;
        var tables = ResultTables.OfAny(result);
        Assert.NotEmpty(tables);
        Assert.True(tables[0].RowCount > 0, $"{sample}: the main table {tables[0].Name} is empty");
        Assert.Equal(tables.Count, tables.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var table in tables)
        {
            Assert.Matches(TableNameRegex(), table.Name);
            Assert.False(string.IsNullOrWhiteSpace(table.Title));
            Assert.All(table.Columns, c => Assert.Matches(ColumnNameRegex(), c.Name));
            Assert.All(table.Columns, c => Assert.True(!c.IsShare || c.Kind == ResultColumnKind.Double, c.Name));
            Assert.All(table.Columns.Where(c => c.IsShare), c =>
                Assert.All(Enumerable.Range(0, c.Count).Select(c.GetDouble).OfType<double>(), v => Assert.InRange(v, 0, 1)));
        }
    }

    [Fact]
    public void OfAny_names_an_unknown_type()
    {
        var error = Assert.Throws<ArgumentException>(() => ResultTables.OfAny(new Uri("https://example.com")));
        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ResultTables.OfAny(null!));
    }

    [Fact]
    public void Summary_is_one_row_of_the_results_numbers()
    {
        var summary = SampleResults.Summary();
        var table = Assert.Single(ResultTables.Of(summary));
        Assert.Equal("summary", table.Name);
        Assert.Equal(1, table.RowCount);
        Assert.Equal(summary.Run, table["run"].GetDate(0));
        Assert.Equal(summary.TotalProfiles, table["totalProfiles"].GetInt64(0));
        Assert.Equal(summary.High.Count, table["high"].GetInt64(0));
        Assert.Equal(summary.Low.Share, table["lowShare"].GetDouble(0));
        Assert.Equal(summary.NoValueCount, table["noValueCount"].GetInt64(0));
        Assert.Equal(summary.ModelType, table["modelType"].GetString(0));
    }

    [Fact]
    public void Distribution_has_a_row_per_bucket_in_numeric_order_and_the_totals()
    {
        var distribution = SampleResults.Distribution();
        var tables = ResultTables.Of(distribution);
        Assert.Equal(["distribution", "distribution-totals"], tables.Select(t => t.Name));
        var rows = tables[0];
        Assert.Equal(distribution.Rows.Count, rows.RowCount);
        for (var i = 0; i < rows.RowCount; i++)
        {
            Assert.Equal(i, rows["bucketIndex"].GetInt64(i));
            Assert.Equal(distribution.Rows[i].Bucket.DisplayName, rows["bucket"].GetString(i));
            Assert.Equal(distribution.Rows[i].Bucket.Label, rows["bucketLabel"].GetString(i));
            Assert.Equal(distribution.Rows[i].Count, rows["count"].GetInt64(i));
            Assert.Equal(distribution.Rows[i].Share, rows["share"].GetDouble(i));
        }

        Assert.Equal(["Low", "Medium", "High"], Enumerable.Range(0, 3).Select(rows["bucket"].GetString));
        Assert.Null(rows["lower"].GetDouble(0));
        Assert.Equal(25, rows["lower"].GetDouble(1));
        Assert.Null(rows["upper"].GetDouble(2));
        Assert.True(rows["share"].IsShare);
        Assert.Equal(distribution.Total, tables[1]["total"].GetInt64(0));
        Assert.Equal("people", tables[1]["metric"].GetString(0));
        Assert.Equal("score", tables[1]["field"].GetString(0));
    }

    [Fact]
    public void Histogram_rows_keep_the_overflow_bucket_open()
    {
        var histogram = SampleResults.Histogram();
        var tables = ResultTables.Of(histogram);
        var rows = tables[0];
        Assert.Equal(histogram.Rows.Select(r => r.Label), Enumerable.Range(0, rows.RowCount).Select(rows["label"].GetString));
        Assert.Equal(histogram.Rows.Select(r => (long?)r.Count), Enumerable.Range(0, rows.RowCount).Select(rows["count"].GetInt64));
        Assert.Null(rows["hi"].GetInt64(rows.RowCount - 1));
        Assert.Equal(true, rows["isOverflow"].GetBoolean(rows.RowCount - 1));
        Assert.Equal(histogram.EntityCount, tables[1]["entityCount"].GetInt64(0));
        Assert.Equal("scoringEvents", tables[1]["metric"].GetString(0));
    }

    [Fact]
    public void Trend_is_long_with_the_series_cohort_and_bucket()
    {
        var trend = SampleResults.TrendByTier();
        var tables = ResultTables.Of(trend);
        Assert.Equal(["trend", "trend-periods", "trend-series"], tables.Select(t => t.Name));
        var cells = tables[0];
        Assert.Equal(trend.Periods.Count * trend.Series.Count, cells.RowCount);
        for (var p = 0; p < trend.Periods.Count; p++)
        {
            for (var s = 0; s < trend.Series.Count; s++)
            {
                var row = (p * trend.Series.Count) + s;
                Assert.Equal(trend.Periods[p].Start, cells["period"].GetDate(row));
                Assert.Equal(trend.Series[s].Label, cells["series"].GetString(row));
                Assert.Equal(trend.Series[s].Cohort, cells["cohort"].GetString(row));
                Assert.Equal(trend[p, s].People, cells["people"].GetInt64(row));
                Assert.Equal(trend[p, s].ShareOfPeriod, cells["shareOfPeriod"].GetDouble(row));
                Assert.Equal(trend[p, s].MeanScore, cells["meanScore"].GetDouble(row));
            }
        }

        Assert.Null(cells["bucket"].GetString(0));
        Assert.Equal(trend.Periods.Select(p => (long?)p.People), Enumerable.Range(0, trend.Periods.Count).Select(tables[1]["people"].GetInt64));
        Assert.Equal(trend.Series.Select(s => s.Label), Enumerable.Range(0, trend.Series.Count).Select(tables[2]["label"].GetString));
    }

    [Fact]
    public void Trend_has_a_column_per_requested_percentile()
    {
        var trend = CaiScores.Trends.ScoreTrend.Compute(SampleResults.Table, new CaiScores.Trends.TrendOptions { Granularity = CaiScores.Trends.TrendGranularity.Run, Percentiles = [50, 99.5] });
        var cells = ResultTables.Of(trend)[0];
        Assert.Equal(trend.Rows[0].ScorePercentiles[0], cells["scoreP50"].GetDouble(0));
        Assert.Equal(trend.Rows[0].ScorePercentiles[1], cells["scoreP99_5"].GetDouble(0));
        Assert.Equal(trend.Rows[0].ProbabilityPercentiles[1], cells["probabilityP99_5"].GetDouble(0));
    }

    [Fact]
    public void Reason_codes_are_buckets_by_factors_with_values()
    {
        var reasons = SampleResults.ReasonCodes();
        var tables = ResultTables.Of(reasons);
        Assert.Equal(["reason-codes", "reason-code-buckets", "reason-code-values"], tables.Select(t => t.Name));
        var factors = tables[0];
        Assert.Equal(reasons.Rows.Sum(b => b.Factors.Count), factors.RowCount);
        var row = 0;
        foreach (var bucket in reasons.Rows)
        {
            for (var f = 0; f < bucket.Factors.Count; f++, row++)
            {
                Assert.Equal(bucket.DisplayName, factors["bucket"].GetString(row));
                Assert.Equal(f + 1, factors["rank"].GetInt64(row));
                Assert.Equal(bucket.Factors[f].Code, factors["code"].GetString(row));
                Assert.Equal(bucket.Factors[f].People, factors["people"].GetInt64(row));
                Assert.Equal(bucket.Factors[f].CoverageOfBucket, factors["coverageOfBucket"].GetDouble(row));
                Assert.Equal(bucket.Factors[f].ImportanceCounts.High, factors["importanceHigh"].GetInt64(row));
            }
        }

        Assert.Equal(reasons.Rows.Select(b => (long?)b.TableTotal), Enumerable.Range(0, reasons.Rows.Count).Select(tables[1]["tableTotal"].GetInt64));
        Assert.Equal(reasons.Rows.Sum(b => b.Factors.Sum(f => f.Values.Count)), tables[2].RowCount);
        Assert.Equal(reasons.Rows.Sum(b => b.Factors.Sum(f => f.Values.Sum(v => v.People))), Enumerable.Range(0, tables[2].RowCount).Sum(i => tables[2]["people"].GetInt64(i)));
    }

    [Fact]
    public void Top_percent_is_one_row_with_the_rule_and_counts()
    {
        var selection = SampleResults.TopPercent();
        var table = Assert.Single(ResultTables.Of(selection));
        Assert.Equal(selection.Count, table["count"].GetInt64(0));
        Assert.Equal(selection.TargetCount, table["targetCount"].GetInt64(0));
        Assert.Equal(selection.Threshold, table["threshold"].GetDouble(0));
        Assert.Equal(selection.Rule, table["rule"].GetString(0));
        Assert.Equal(selection.Share, table["share"].GetDouble(0));
        Assert.Equal("suppliedPercentile", table["method"].GetString(0));
    }

    [Fact]
    public void Transitions_are_cells_in_long_format_with_entries_and_exits()
    {
        var matrix = SampleResults.Transitions();
        var tables = ResultTables.Of(matrix);
        Assert.Equal(["transitions", "transition-states", "transition-summary"], tables.Select(t => t.Name));
        var cells = tables[0];
        var expected = matrix.Cells.ToList();
        Assert.Equal(expected.Count, cells.RowCount);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].From.Label, cells["from"].GetString(i));
            Assert.Equal(expected[i].To.Label, cells["to"].GetString(i));
            Assert.Equal(expected[i].Count, cells["count"].GetInt64(i));
            Assert.Equal(expected[i].RowShare, cells["rowShare"].GetDouble(i));
        }

        Assert.Contains("entry", Enumerable.Range(0, cells.RowCount).Select(cells["fromKind"].GetString));
        Assert.Contains("exit", Enumerable.Range(0, cells.RowCount).Select(cells["toKind"].GetString));
        Assert.Equal(matrix.Rows.Count + matrix.Columns.Count, tables[1].RowCount);
        Assert.Equal(matrix.Rows[0].Total, tables[1]["total"].GetInt64(0));
        Assert.Equal(matrix.Entries, tables[2]["entries"].GetInt64(0));
        Assert.Equal(matrix.MovedUp, tables[2]["movedUp"].GetInt64(0));
        Assert.Equal(matrix.From, tables[2]["fromRun"].GetDate(0));
    }

    [Fact]
    public void Transition_series_holds_every_matrix_told_apart_by_its_runs()
    {
        var series = SampleResults.TransitionSeries();
        var tables = ResultTables.Of(series);
        Assert.Equal(series.Matrices.Sum(m => m.Cells.Count()), tables[0].RowCount);
        Assert.Equal(series.Matrices.Count, tables[2].RowCount);
        Assert.Equal(series.Matrices.Select(m => (DateOnly?)m.To), Enumerable.Range(0, series.Matrices.Count).Select(tables[2]["toRun"].GetDate));
        Assert.Equal(series.Matrices.Select(m => (long?)m.Stayed), Enumerable.Range(0, series.Matrices.Count).Select(tables[2]["stayed"].GetInt64));
        var last = series.Matrices[^1];
        Assert.Equal(last.Cells.Last().Count, tables[0]["count"].GetInt64(tables[0].RowCount - 1));
        Assert.Equal(last.To, tables[0]["toRun"].GetDate(tables[0].RowCount - 1));
    }

    [Fact]
    public void Flow_gives_nodes_links_paths_and_a_summary()
    {
        var flow = SampleResults.Flow();
        var tables = ResultTables.Of(flow);
        Assert.Equal(["flow-nodes", "flow-links", "flow-paths", "flow-summary"], tables.Select(t => t.Name));
        Assert.Equal(flow.Nodes.Select(n => n.Label), Enumerable.Range(0, flow.Nodes.Count).Select(tables[0]["label"].GetString));
        Assert.Equal(flow.Nodes.Select(n => (long?)n.Count), Enumerable.Range(0, flow.Nodes.Count).Select(tables[0]["count"].GetInt64));
        Assert.Equal(flow.Nodes.Select(n => (double?)n.PctOfAnchor), Enumerable.Range(0, flow.Nodes.Count).Select(tables[0]["pctOfAnchor"].GetDouble));
        Assert.Equal(flow.Links.Select(l => (l.FromColumn, l.From, l.To, l.Count)),
            Enumerable.Range(0, flow.Links.Count).Select(i => ((int)tables[1]["fromColumn"].GetInt64(i)!.Value, tables[1]["from"].GetString(i)!, tables[1]["to"].GetString(i)!, tables[1]["count"].GetInt64(i)!.Value)));
        var node = flow.Nodes.First(n => n.Column == 2);
        var paths = flow.PathsTo(node);
        var first = Enumerable.Range(0, tables[2].RowCount).First(i => tables[2]["column"].GetInt64(i) == 2 && tables[2]["node"].GetString(i) == node.Label);
        Assert.Equal(string.Join(" → ", paths[0].Labels), tables[2]["path"].GetString(first));
        Assert.Equal(paths[0].Count, tables[2]["count"].GetInt64(first));
        Assert.Equal(1, tables[2]["rank"].GetInt64(first));
        Assert.Equal(flow.AnchorCount, tables[3]["anchorCount"].GetInt64(0));
        Assert.Equal("entry", tables[3]["anchorKind"].GetString(0));
    }

    [Fact]
    public void Venn_gives_regions_sets_intersections_and_totals()
    {
        var venn = SampleResults.Venn();
        var tables = ResultTables.Of(venn);
        Assert.Equal(["venn-regions", "venn-sets", "venn-intersections", "venn-totals"], tables.Select(t => t.Name));
        Assert.Equal(7, tables[0].RowCount);
        Assert.Equal(venn.Regions.Select(r => r.Label), Enumerable.Range(0, 7).Select(tables[0]["label"].GetString));
        Assert.Equal(venn.Regions.Select(r => (long?)r.Count), Enumerable.Range(0, 7).Select(tables[0]["count"].GetInt64));
        Assert.Equal(venn.Union, Enumerable.Range(0, 7).Sum(i => tables[0]["count"].GetInt64(i)));
        Assert.Equal(venn.Sets.Select(r => (long?)r.Count), Enumerable.Range(0, 3).Select(tables[1]["count"].GetInt64));
        Assert.Equal(venn.Intersections.Select(r => (double?)r.ShareOfBase), Enumerable.Range(0, 4).Select(tables[2]["shareOfBase"].GetDouble));
        Assert.Equal(venn.Outside, tables[3]["outside"].GetInt64(0));
    }

    [Fact]
    public void Set_intersections_give_regions_largest_first()
    {
        var intersections = SampleResults.Intersections();
        var tables = ResultTables.Of(intersections);
        Assert.Equal(["intersections", "intersection-sets", "intersection-totals"], tables.Select(t => t.Name));
        Assert.Equal(intersections.Regions.Select(r => (long?)r.Members), Enumerable.Range(0, tables[0].RowCount).Select(tables[0]["members"].GetInt64));
        Assert.Equal(intersections.Regions.Select(r => (long?)r.Degree), Enumerable.Range(0, tables[0].RowCount).Select(tables[0]["degree"].GetInt64));
        Assert.Equal(intersections.BaseCount, tables[2]["baseCount"].GetInt64(0));
    }

    [Fact]
    public void Cohorts_give_cells_rows_and_the_average()
    {
        var cohorts = SampleResults.Cohorts();
        var tables = ResultTables.Of(cohorts);
        Assert.Equal(["cohorts", "cohort-rows", "cohort-average"], tables.Select(t => t.Name));
        var cells = tables[0];
        var row = 0;
        foreach (var cohort in cohorts.Rows)
        {
            foreach (var cell in cohort.Cells)
            {
                Assert.Equal(cohort.Label, cells["periodLabel"].GetString(row));
                Assert.Equal(cohorts.Periods[cohort.Period].Start, cells["period"].GetDate(row));
                Assert.Equal(cohort.Included, cells["included"].GetInt64(row));
                Assert.Equal(cell.Offset, cells["offset"].GetInt64(row));
                Assert.Equal(cell.Count, cells["count"].GetInt64(row));
                Assert.Equal(cell.Share, cells["share"].GetDouble(row));
                row++;
            }
        }

        Assert.Equal(row, cells.RowCount);
        Assert.Equal(cohorts.Rows.Count, tables[1].RowCount);
        Assert.Equal(cohorts.Average.Select(a => a.Share), Enumerable.Range(0, cohorts.Average.Count).Select(tables[2]["share"].GetDouble));
        Assert.Equal(cohorts.Average.Select(a => a.PooledShare), Enumerable.Range(0, cohorts.Average.Count).Select(tables[2]["pooledShare"].GetDouble));
    }

    [Fact]
    public void Evaluation_gives_deciles_and_a_summary_with_the_auc()
    {
        var evaluation = SampleResults.Evaluation();
        var tables = ResultTables.Of(evaluation);
        Assert.Equal(["evaluation-deciles", "evaluation-summary"], tables.Select(t => t.Name));
        Assert.Equal(evaluation.Rows.Select(r => (long?)r.Positives), Enumerable.Range(0, tables[0].RowCount).Select(tables[0]["positives"].GetInt64));
        Assert.Equal(evaluation.Rows.Select(r => r.Lift), Enumerable.Range(0, tables[0].RowCount).Select(tables[0]["lift"].GetDouble));
        Assert.Equal(evaluation.Rows.Select(r => r.CumulativeGain), Enumerable.Range(0, tables[0].RowCount).Select(tables[0]["cumulativeGain"].GetDouble));
        var summary = tables[1];
        Assert.NotNull(evaluation.Auc);
        Assert.Equal(evaluation.Auc, summary["auc"].GetDouble(0));
        Assert.Equal(evaluation.WindowEnd, summary["windowEnd"].GetTimestamp(0));
        Assert.Equal(ResultColumnKind.Timestamp, summary["windowEnd"].Kind);
        Assert.Equal(evaluation.IsComplete, summary["isComplete"].GetBoolean(0));
        Assert.Equal(evaluation.Count, summary["count"].GetInt64(0));
    }

    [Fact]
    public void Performance_gives_run_by_bucket_rows_runs_and_settings()
    {
        var performance = SampleResults.Performance();
        var tables = ResultTables.Of(performance);
        Assert.Equal(["performance", "performance-runs", "performance-summary"], tables.Select(t => t.Name));
        var rows = tables[0];
        Assert.Equal(performance.Rows.Count, rows.RowCount);
        Assert.Equal(performance.Rows.Select(r => (DateOnly?)r.Run), Enumerable.Range(0, rows.RowCount).Select(rows["run"].GetDate));
        Assert.Equal(performance.Rows.Select(r => r.Bucket.DisplayName), Enumerable.Range(0, rows.RowCount).Select(rows["bucket"].GetString));
        Assert.Equal(performance.Rows.Select(r => r.ExpectedRate), Enumerable.Range(0, rows.RowCount).Select(rows["expectedRate"].GetDouble));
        Assert.Equal(performance.Rows.Select(r => r.Events), Enumerable.Range(0, rows.RowCount).Select(rows["events"].GetInt64));
        Assert.Equal(performance.Rows.Select(r => r.ActualRate), Enumerable.Range(0, rows.RowCount).Select(rows["actualRate"].GetDouble));
        Assert.Contains(performance.Rows, r => r.Events is null); // the last run's window has not passed: nulls stay nulls
        Assert.Equal(performance.Runs.Select(r => (DateTimeOffset?)r.WindowEnd), Enumerable.Range(0, performance.Runs.Count).Select(tables[1]["windowEnd"].GetTimestamp));
        Assert.Equal("conversion", tables[2]["kind"].GetString(0));
    }

    [Fact]
    public void Success_events_give_a_row_per_bucket_and_the_totals()
    {
        var success = SampleResults.SuccessEvents();
        var tables = ResultTables.Of(success);
        Assert.Equal(["success-events", "success-events-totals"], tables.Select(t => t.Name));
        var rows = tables[0];
        Assert.Equal(success.Rows.Select(r => (long?)r.PeopleWithEvents), Enumerable.Range(0, rows.RowCount).Select(rows["peopleWithEvents"].GetInt64));
        Assert.Equal(success.Rows.Select(r => (double?)r.Value), Enumerable.Range(0, rows.RowCount).Select(rows["value"].GetDouble));
        Assert.Equal(success.Rows.Select(r => r.ConversionRate), Enumerable.Range(0, rows.RowCount).Select(rows["conversionRate"].GetDouble));
        Assert.Equal(success.People, tables[1]["people"].GetInt64(0));
        Assert.Equal(7, tables[1]["outcomeWindowDays"].GetInt64(0));
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex TableNameRegex();

    [GeneratedRegex("^[a-z][A-Za-z0-9_]*$")]
    private static partial Regex ColumnNameRegex();
}
