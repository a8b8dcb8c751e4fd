using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;

namespace CaiScores.Cohorts;

/// <summary>
/// CJA's cohort table over scoring runs: persons grouped into cohorts by the period (day, week, month, quarter or year) in
/// which they met an inclusion criterion, and for each cohort the persons who met a return criterion 1, 2, … periods
/// later — retention, or its complement churn — with counts, shares of the cohort, and an average row.
/// </summary>
/// <remarks>
/// <para><b>Criteria.</b> A person meets a criterion in a period when, in at least one run that falls in it, they have a score
/// row and meet the criterion's segment evaluated on that run alone (so <c>score bucket is High</c> means High in that run,
/// and a condition pinned to a run looks at that run, whichever period is being evaluated). Without a segment the criterion
/// is having a score row in the period. A run falls in a period as in the trends: an Experience Event run on the day of its
/// timestamp in <see cref="CohortOptions.TimeZone"/>, a profile run on its score date; a run whose rows carry different
/// timestamps is split person by person.</para>
/// <para><b>Rows.</b> One per period of the window (and per shown item when split), empty periods included with
/// <c>Included = 0</c> and null shares. A person who meets the inclusion criterion in several periods is in several
/// cohorts, one per period (as in CJA): cohorts are not first-time cohorts, and the rows' Included do not add up to
/// distinct persons.</para>
/// <para><b>Cells.</b> Offsets 1 … up to the last period that holds a run; periods after it have no data yet and their cells are
/// omitted, not zero (CJA's triangle). A person counts at offset k when they met the return criterion in period c + k;
/// with <see cref="CohortOptions.Rolling"/> only if they met it in every period c + 1 … c + k (so a period without a run
/// ends every rolling row there). Churn counts <c>Included − retained</c>. Shares are over the row's Included and null
/// when it is 0. Counts are exact integers.</para>
/// <para><b>Average row.</b> Per offset, the arithmetic mean of the rows' shares at that offset, over the rows that have that
/// cell and a share: a mean of percentages, each cohort weighing the same, as CJA's <i>Show Average Percent Row</i>
/// ("averages each of these percents"). The pooled ratio (Σ count / Σ included) is given alongside.</para>
/// <para><b>Split.</b> With <see cref="CohortOptions.SplitByAttribute"/> or <see cref="CohortOptions.SplitByBucket"/> each cohort
/// is split by the person's item in the first run of the period in which they met the inclusion criterion (the dimension
/// applies to inclusion only, as in CJA). Only the <see cref="CohortOptions.MaxItems"/> items with the most included
/// persons over all cohorts are shown (ties by ordinal label), in that order within each period; "No value" (no attribute
/// value, a null or NaN value) competes only with <see cref="CohortOptions.IncludeNoValue"/>.</para>
/// <para>Persons are counted in fixed chunks of 65,536 merged in order: identical results for any
/// <see cref="CohortOptions.MaxDegreeOfParallelism"/>.</para>
/// </remarks>
public sealed class CohortTable
{
    /// <summary>
    /// The one way a <see cref="CohortTable"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal CohortTable(CohortOptions options, CohortPeriod[] periods, string[] items, int hiddenItems, CohortRow[] rows, CohortAverageCell[] average, ScoreTableDiagnostics diagnostics)
    {
        Options = options;
        Periods = periods;
        Items = items;
        HiddenItems = hiddenItems;
        Rows = rows;
        Average = average;
        Diagnostics = diagnostics;
    }

    /// <summary>The options the table was computed with.</summary>
    public CohortOptions Options { get; }

    /// <summary>The periods of the window, ascending.</summary>
    public IReadOnlyList<CohortPeriod> Periods { get; }

    /// <summary>The shown split items, most included persons first; empty without a split.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Split items that had included persons but were not shown (beyond <see cref="CohortOptions.MaxItems"/>, or "No value" without <see cref="CohortOptions.IncludeNoValue"/>).</summary>
    public int HiddenItems { get; }

    /// <summary>The cohort rows, period by period (then by shown item).</summary>
    public IReadOnlyList<CohortRow> Rows { get; }

    /// <summary>The average row: one cell per offset that some row has.</summary>
    public IReadOnlyList<CohortAverageCell> Average { get; }

    /// <summary>The diagnostics of the table the cohorts were computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes a cohort table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">What to compute; default <c>new CohortOptions()</c>: monthly retention of persons with a score row, no split.</param>
    /// <returns>The cohort table.</returns>
    /// <exception cref="ArgumentException">An option is invalid (parameter <c>options</c>; the message lists every problem); the
    /// split attribute does not exist or has too many values (<c>SplitByAttribute</c>); the window needs too many cells
    /// (<c>Range</c>); a criterion's segment names a run, bucket or attribute the table does not have.</exception>
    public static CohortTable Compute(ScoreTable table, CohortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new CohortOptions();
        var plan = CohortPlan.Create(table, options);
        var state = PersonChunks.Aggregate(
            plan.Persons,
            options.MaxDegreeOfParallelism,
            () => new CohortState(plan),
            (s, from, count) => s.Add(from, count),
            (a, b) => a.Merge(b));
        return ToResult(plan, state);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Options.Granularity} {Options.Type} cohorts{(Options.Rolling ? " (rolling)" : string.Empty)}: {Rows.Count} rows over {Periods.Count} periods");

    internal static CohortTable ToResult(CohortPlan plan, CohortState state)
    {
        var options = plan.Options;
        var periods = plan.Periods.Select((p, i) => new CohortPeriod(i, p.Start, p.End, p.Label, [.. p.Runs])).ToArray();

        // The shown items: the most included persons over all cohorts, ties by ordinal label.
        int[] shown;
        var hidden = 0;
        if (plan.Split == CohortSplit.None)
        {
            shown = [0];
        }
        else
        {
            var totals = new long[plan.Items];
            for (var c = 0; c < periods.Length; c++)
            {
                for (var item = 0; item < plan.Items; item++)
                {
                    totals[item] += state.Included(c, item);
                }
            }

            var candidates = Enumerable.Range(0, plan.Items).Where(i => totals[i] > 0).ToList();
            var eligible = candidates.Where(i => i != plan.NoValueItem || options.IncludeNoValue)
                .OrderByDescending(i => totals[i]).ThenBy(i => plan.ItemLabels[i], StringComparer.Ordinal).ToList();
            shown = [.. eligible.Take(options.MaxItems)];
            hidden = candidates.Count - shown.Length;
        }

        var rows = new List<CohortRow>(periods.Length * shown.Length);
        for (var c = 0; c < periods.Length; c++)
        {
            foreach (var item in shown)
            {
                var included = state.Included(c, item);
                var cells = new CohortCell[plan.CellCount(c)];
                for (var k = 1; k <= cells.Length; k++)
                {
                    var retained = state.Retained(c, item, k);
                    var count = options.Type == CohortType.Churn ? included - retained : retained;
                    cells[k - 1] = new CohortCell(k, count, included == 0 ? null : (double)count / included);
                }

                rows.Add(new CohortRow(c, periods[c].Label, plan.Split == CohortSplit.None ? null : plan.ItemLabels[item], included, cells));
            }
        }

        var average = new CohortAverageCell[Math.Max(0, plan.LastData)];
        for (var k = 1; k <= average.Length; k++)
        {
            double sum = 0;
            long counts = 0;
            long included = 0;
            var n = 0;
            foreach (var row in rows)
            {
                if (row.Cells.Count >= k && row.Cells[k - 1].Share is { } share)
                {
                    sum += share;
                    counts += row.Cells[k - 1].Count;
                    included += row.Included;
                    n++;
                }
            }

            average[k - 1] = new CohortAverageCell(k, n == 0 ? null : sum / n, n, n == 0 ? null : (double)counts / included);
        }

        return new CohortTable(options, periods, [.. shown.Where(_ => plan.Split != CohortSplit.None).Select(i => plan.ItemLabels[i])], hidden, [.. rows], average, plan.Table.Diagnostics);
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
