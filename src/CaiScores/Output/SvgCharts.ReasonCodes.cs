using CaiScores.ReasonCodes;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>
    /// The reason-code table as CJA's freeform table "score bucket × influential factor code": the grand total, then per
    /// bucket (in the scheme's order, in CAI's colours) a header row with its People and share of the grand total, and under
    /// it its top factor codes with their People and share of the bucket's people with factors, each with an in-cell bar.
    /// </summary>
    /// <param name="table">The result to draw.</param>
    /// <param name="options">Width, title and colouring; null for the defaults. The table is as tall as its rows need (Height is not used).</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// <para>A bucket's bar is its share of the grand total; a factor's bar is its share of the bucket's table total (the
    /// bucket's people with at least one factor code — the percentage CJA shows), so a bucket's factor bars add up to more
    /// than the whole, as a person has several codes. A factor code too long for its column is cut with an ellipsis; the
    /// row's tooltip has it in full, with the factor's coverage of the whole bucket.</para>
    /// <para>Codes the top N left out are summed up in a grey row (<c>+3 other codes</c>); a bucket without people, or
    /// whose people have no factor code, says so. Over a range of runs the buckets can add up to more than the grand total
    /// (a person counts in every bucket they reached), as in CJA.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string ReasonCodes(ReasonCodeTable table, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options = ChartOptions.Validate(options);
        var total = ChartText.Count(table.GrandTotal);
        var rows = new List<BarTableRow>
        {
            new(BarTableRowKind.Total, "Grand total", total, ChartText.Percent(table.GrandTotal == 0 ? 0 : 1), null, ChartPalette.Single, $"Grand total: {total} people with a score (each counted once)"),
        };
        for (var b = 0; b < table.Rows.Count; b++)
        {
            var bucket = table.Rows[b];
            var color = ChartPalette.Cai(bucket.Bucket, options.Propensity) ?? ChartPalette.Single;
            var name = bucket.Bucket.Alias is { } alias && alias != bucket.Bucket.Label ? $"{alias} ({bucket.Bucket.Label})" : bucket.Bucket.Label;
            var people = ChartText.Count(bucket.People);
            var withFactors = ChartText.Count(bucket.TableTotal);
            rows.Add(new(
                BarTableRowKind.Group,
                name,
                people,
                ChartText.Percent(bucket.ShareOfGrandTotal),
                bucket.ShareOfGrandTotal,
                color,
                $"{name}: {people} people ({ChartText.Percent(bucket.ShareOfGrandTotal)} of {total}); {withFactors} of them with factor codes"));
            var light = HeatTable.Mix("#FFFFFF", color, 0.6);
            foreach (var factor in bucket.Factors)
            {
                var count = ChartText.Count(factor.People);
                rows.Add(new(
                    BarTableRowKind.Item,
                    factor.Label,
                    count,
                    ChartText.Percent(factor.ShareOfTableTotal),
                    factor.ShareOfTableTotal,
                    light,
                    $"{name} · {factor.Label}: {count} people, {ChartText.Percent(factor.ShareOfTableTotal)} of the {withFactors} with factor codes (coverage {ChartText.Percent(factor.CoverageOfBucket)} of {people})"));
            }

            var note = bucket.People == 0 ? "No people in this bucket"
                : bucket.TableTotal == 0 ? "No factor codes in this bucket"
                : bucket.OtherCodes > 0 ? $"+{ChartText.Plural(bucket.OtherCodes, "other code")}"
                : null;
            if (note is not null)
            {
                rows.Add(new(BarTableRowKind.Note, note, string.Empty, string.Empty, null, light, $"{name}: {note.ToLowerInvariant()}"));
            }
        }

        List<string> notes =
        [
            "% of a bucket: of the grand total. % of a factor: of the bucket's people with factor codes (CJA's table total); a person has several codes, so a bucket's factors add up to more than 100%.",
        ];
        if (table.Runs.Count == 0)
        {
            notes.Add("No scoring run in the window: nothing was counted.");
        }

        if (table.NoValue > 0)
        {
            notes.Add($"{ChartText.Count(table.NoValue)} people without a score are in no bucket.");
        }

        return new BarTable
        {
            Title = options.Title ?? $"People by {FieldName(table.Scheme.Field).ToLowerInvariant()} bucket and influential factor, {Runs(table.Runs, table.Options.Range)}",
            LabelHeader = $"{FieldName(table.Scheme.Field)} bucket · influential factor code",
            CountHeader = "People",
            ShareHeader = "%",
            Rows = rows,
            Notes = notes,
        }.Render(options);
    }
}
