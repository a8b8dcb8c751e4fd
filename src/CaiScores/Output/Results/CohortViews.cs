using CaiScores.Cohorts;

namespace CaiScores.Output;

/// <summary>How a cohort table is shown.</summary>
internal static class CohortViews
{
    /// <summary>The cohorts: cohort × offset in long format, the cohorts and the average row, drawn as a heat table.</summary>
    public static readonly ResultView<CohortTable> Cohorts = new(Tables, c => [SvgCharts.Cohorts(c)]);

    private static IReadOnlyList<ResultTable> Tables(CohortTable cohorts)
    {
        var title = $"{TableBuilder<object>.EnumName(cohorts.Options.Type)} cohorts by {TableBuilder<object>.EnumName(cohorts.Options.Granularity)}";
        var cells = cohorts.Rows.SelectMany(r => r.Cells.Select(c => (Row: r, Cell: c))).ToList();
        return
        [
            new TableBuilder<(CohortRow Row, CohortCell Cell)>("cohorts", title, cells)
                .Date("period", c => cohorts.Periods[c.Row.Period].Start, "The cohort's period, its first day")
                .String("periodLabel", c => c.Row.Label, "The cohort period's label")
                .String("item", c => c.Row.Item, "The split item; null without a split")
                .Int64("included", c => c.Row.Included, "Persons in the cohort")
                .Int64("offset", c => c.Cell.Offset, "Periods after the cohort's period (1 for +1)")
                .Int64("count", c => c.Cell.Count, "Persons retained (or churned) at this offset")
                .Share("share", c => c.Cell.Share, "count over included; null when included is 0")
                .Build(),
            new TableBuilder<CohortRow>("cohort-rows", title + ": cohorts", cohorts.Rows)
                .Date("period", r => cohorts.Periods[r.Period].Start, "The cohort's period, its first day")
                .String("periodLabel", r => r.Label, "The cohort period's label")
                .String("item", r => r.Item, "The split item; null without a split")
                .Int64("included", r => r.Included, "Persons in the cohort")
                .Int64("offsets", r => r.Cells.Count, "Cells of the row (offsets 1 … n)")
                .Build(),
            new TableBuilder<CohortAverageCell>("cohort-average", title + ": average", cohorts.Average)
                .Int64("offset", a => a.Offset, "Periods after the cohort's period")
                .Share("share", a => a.Share, "Mean of the rows' shares at this offset (CJA's average row); null when no row has one")
                .Int64("rows", a => a.Rows, "Rows averaged")
                .Share("pooledShare", a => a.PooledShare, "Σ count / Σ included over the same rows; null when no row has one")
                .Build(),
        ];
    }
}
