using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Internal;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;
using CaiScores.Tests.TestData;
using CaiScores.Transitions;

namespace CaiScores.Tests.Transitions;

public sealed class TransitionMatrixTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 700, runs: 4);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();
    private static readonly DateOnly Day = new(2026, 1, 4);

    [Theory]
    [InlineData(ScoreField.Score, false)]
    [InlineData(ScoreField.Score, true)]
    [InlineData(ScoreField.Probability, false)]
    [InlineData(ScoreField.Percentile, true)]
    public void Every_pair_of_runs_matches_the_reference(ScoreField field, bool includeNoValue)
    {
        var scheme = Scheme(field);
        var options = new TransitionOptions { Scheme = scheme, IncludeNoValue = includeNoValue };
        for (var a = 0; a < Table.Runs.Count; a++)
        {
            for (var b = a + 1; b < Table.Runs.Count; b++)
            {
                var (from, to) = (Table.Runs[a].ScoreDate, Table.Runs[b].ScoreDate);
                var matrix = TransitionMatrix.Compute(Table, from, to, options);
                AssertMatches(ReferenceTransitions.Cells(Scores, scheme, from, to, includeNoValue), matrix);
                Assert.Equal((from, to), (matrix.From, matrix.To));
            }
        }
    }

    [Fact]
    public void Rows_and_columns_are_in_bucket_order_with_entry_and_exit_last()
    {
        var matrix = TransitionMatrix.Compute(Table, Table.Runs[0].ScoreDate, Table.Runs[1].ScoreDate);
        Assert.Equal(["Low", "Medium", "High", "Entry"], matrix.Rows.Select(r => r.From.Label));
        Assert.Equal(["Low", "Medium", "High", "Exit"], matrix.Columns.Select(c => c.To.Label));
        Assert.Equal([TransitionStateKind.Bucket, TransitionStateKind.Bucket, TransitionStateKind.Bucket, TransitionStateKind.Entry], matrix.Rows.Select(r => r.From.Kind));
        Assert.Equal("75 or more", matrix.Rows[2].From.Bucket!.Label);
        Assert.Equal(0, matrix["Entry", "Exit"].Count);
        Assert.Same(matrix[0, 2], matrix["Low", "High"]);
        Assert.Same(matrix["Less than 25", "75 or more"], matrix["Low", "High"]);

        var shown = TransitionMatrix.Compute(Table, Table.Runs[0].ScoreDate, Table.Runs[1].ScoreDate, new TransitionOptions { IncludeNoValue = true, NoValueLabel = "(none)" });
        Assert.Equal(["Low", "Medium", "High", "(none)", "Entry"], shown.Rows.Select(r => r.From.Label));
        Assert.Equal(["Low", "Medium", "High", "(none)", "Exit"], shown.Columns.Select(c => c.To.Label));
        Assert.Equal(TransitionStateKind.NoValue, shown.Rows[3].From.Kind);
    }

    [Fact]
    public void Bucket_rows_and_columns_add_up_to_each_runs_distribution()
    {
        foreach (var includeNoValue in new[] { false, true })
        {
            var matrix = TransitionMatrix.Compute(Table, Table.Runs[1].ScoreDate, Table.Runs[3].ScoreDate, new TransitionOptions { IncludeNoValue = includeNoValue });
            var from = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Run = matrix.From, IncludeNoValue = true });
            var to = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Run = matrix.To, IncludeNoValue = true });
            Assert.Equal(from.Rows.Take(3).Select(r => r.Count), matrix.Rows.Take(3).Select(r => r.Total));
            Assert.Equal(to.Rows.Take(3).Select(r => r.Count), matrix.Columns.Take(3).Select(c => c.Total));
            Assert.Equal((from.NoValue + from.NaNCount, to.NoValue + to.NaNCount), (matrix.NoValueFrom, matrix.NoValueTo));
            Assert.Equal(from.Total - (includeNoValue ? 0 : from.NoValue), matrix.FromTotal);
            Assert.Equal(to.Total - (includeNoValue ? 0 : to.NoValue), matrix.ToTotal);
            if (includeNoValue)
            {
                Assert.Equal(from.NoValue, matrix.Rows[3].Total);
                Assert.Equal(to.NoValue, matrix.Columns[3].Total);
            }

            Assert.Equal(matrix.ToTotal - matrix.Entries, matrix.InBoth);
            Assert.Equal(matrix.Stayed + matrix.MovedUp + matrix.MovedDown, matrix.Rows.Take(3).Sum(r => r.Cells.Take(3).Sum(c => c.Count)));
        }
    }

    [Fact]
    public void Shares_are_over_the_row_and_the_column()
    {
        var matrix = TransitionMatrix.Compute(Table, Table.Runs[0].ScoreDate, Table.Runs[2].ScoreDate);
        foreach (var row in matrix.Rows)
        {
            Assert.Equal(row.Total, row.Cells.Sum(c => c.Count));
            Assert.Equal(row.Total == 0 ? 0 : 1, row.Cells.Sum(c => c.RowShare), 12);
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var column = matrix.Columns[c];
                Assert.Equal(column.Total == 0 ? 0 : (double)row.Cells[c].Count / column.Total, row.Cells[c].ColumnShare);
                Assert.Equal(row.Total == 0 ? 0 : (double)row.Cells[c].Count / row.Total, row.Cells[c].RowShare);
            }
        }

        foreach (var column in matrix.Columns)
        {
            Assert.Equal(column.Total == 0 ? 0 : 1, matrix.Rows.Sum(r => r.Cells[column.To.Index].ColumnShare), 12);
        }
    }

    [Fact]
    public void A_small_table_by_hand()
    {
        // a: Low → High; b: High → High; c: Medium → gone; d: new → Medium; e: Low → null; f: null → High; g: 75 (High) → 74.99999999999999 (Medium).
        var second = Day.AddDays(7);
        var t = ScoreTable.FromScores([
            Score("a", 10), Score("a", 80, second),
            Score("b", 90), Score("b", 99, second),
            Score("c", 50),
            Score("d", 30, second),
            Score("e", 5), Score("e", null, second),
            Score("f", null), Score("f", 77, second),
            Score("g", 75), Score("g", Math.BitDecrement(75.0), second)]).Single();
        var hidden = TransitionMatrix.Compute(t, Day, second);
        Assert.Equal(1, hidden["Low", "High"].Count);
        Assert.Equal(1, hidden["High", "High"].Count);
        Assert.Equal(1, hidden["High", "Medium"].Count);
        Assert.Equal(0, hidden["Low", "Exit"].Count);          // e has a row in the second run, without a value: not an exit (DOMAIN §7.6)
        Assert.Equal(1, hidden["Medium", "Exit"].Count);
        Assert.Equal(1, hidden["Entry", "Medium"].Count);
        Assert.Equal(0, hidden["Entry", "High"].Count);        // f had a row in the first run, without a value: not an entry
        Assert.Equal((1L, 1L, 4L, 4L), (hidden.Entries, hidden.Exits, hidden.FromTotal, hidden.ToTotal));
        Assert.Equal((1L, 1L, 1L, 3L), (hidden.Stayed, hidden.MovedUp, hidden.MovedDown, hidden.InBoth));
        Assert.Equal((1L, 1L), (hidden.NoValueFrom, hidden.NoValueTo));
        Assert.Equal(1.0, hidden["Low", "High"].RowShare);
        Assert.Equal(0.5, hidden["Low", "High"].ColumnShare);
        Assert.Equal(["a"], hidden.GetPersons(t, "Low", "High").GetIds(t));
        Assert.Equal(["c"], hidden.GetPersons(t, "Medium", "Exit").Or(hidden.GetPersons(t, "Low", "Exit")).GetIds(t).Order(StringComparer.Ordinal));

        var shown = TransitionMatrix.Compute(t, Day, second, new TransitionOptions { IncludeNoValue = true });
        Assert.Equal(1, shown["Low", "No value"].Count);
        Assert.Equal(1, shown["No value", "High"].Count);
        Assert.Equal(0, shown["Low", "Exit"].Count);
        Assert.Equal(1, shown["Medium", "Exit"].Count);
        Assert.Equal((1L, 1L), (shown.Entries, shown.Exits));
        Assert.Equal(["e"], shown.GetPersons(t, "Low", "No value").GetIds(t));
        Assert.Equal(["f"], shown.GetPersons(t, "No value", "High").GetIds(t));
        Assert.Equal(0, shown.GetPersons(t, "Entry", "Exit").Count);
    }

    [Fact]
    public void NaN_values_are_no_value()
    {
        var second = Day.AddDays(7);
        var t = ScoreTable.FromScores([Score("a", double.NaN), Score("a", 80, second), Score("b", 30), Score("b", double.NaN, second)]).Single();
        var shown = TransitionMatrix.Compute(t, Day, second, new TransitionOptions { IncludeNoValue = true });
        Assert.Equal(1, shown["No value", "High"].Count);
        Assert.Equal(1, shown["Medium", "No value"].Count);
        var hidden = TransitionMatrix.Compute(t, Day, second);
        Assert.Equal((0L, 0L, 1L, 1L), (hidden.Entries, hidden.Exits, hidden.NoValueFrom, hidden.NoValueTo));
        Assert.Equal(0, hidden.Cells.Sum(c => c.Count)); // both persons have a row in both runs, one run without a value
    }

    [Fact]
    public void Every_cell_s_persons_are_its_count_and_partition_everyone_scored()
    {
        foreach (var includeNoValue in new[] { false, true })
        {
            var matrix = TransitionMatrix.Compute(Table, Table.Runs[0].ScoreDate, Table.Runs[3].ScoreDate, new TransitionOptions { IncludeNoValue = includeNoValue });
            var reference = ReferenceTransitions.Cells(Scores, BucketScheme.Cai, matrix.From, matrix.To, includeNoValue);
            var union = PersonSet.None(Table.Persons.Count);
            foreach (var cell in matrix.Cells)
            {
                var persons = matrix.GetPersons(Table, cell.From.Index, cell.To.Index);
                Assert.Equal(cell.Count, persons.Count);
                Assert.Equal(reference.GetValueOrDefault((cell.From.Label, cell.To.Label)) ?? [], persons.GetIds(Table).Order(StringComparer.Ordinal));
                Assert.Equal(0, union.And(persons).Count);
                union = union.Or(persons);
            }

            var scored = Segment.PresentIn(matrix.From).Or(Segment.PresentIn(matrix.To)).Evaluate(Table);
            if (includeNoValue)
            {
                Assert.Equal(scored, union);
            }
            else
            {
                Assert.True(union.AndNot(scored).Count == 0);
            }
        }
    }

    [Fact]
    public void A_cell_as_a_segment_filters_another_analysis()
    {
        var (from, to) = (Table.Runs[0].ScoreDate, Table.Runs[1].ScoreDate);
        var matrix = TransitionMatrix.Compute(Table, from, to);
        var lowToHigh = matrix.ToSegment(Table, "Low", "Medium");
        var latest = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Run = to, Segment = lowToHigh });
        Assert.Equal([0L, matrix["Low", "Medium"].Count, 0L], latest.Rows.Select(r => r.Count));
    }

    [Fact]
    public void A_segment_keeps_only_its_persons_everywhere()
    {
        var gold = Scores.Select(s => s.PersonId).Distinct().Where((_, i) => i % 3 == 0).ToHashSet();
        var table = Table.WithAttributes(gold.Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = "gold" }));
        var options = new TransitionOptions { Segment = Segment.AttributeEquals("tier", "gold"), IncludeNoValue = true };
        var (from, to) = (Table.Runs[0].ScoreDate, Table.Runs[2].ScoreDate);
        var matrix = TransitionMatrix.Compute(table, from, to, options);
        AssertMatches(ReferenceTransitions.Cells(Scores, BucketScheme.Cai, from, to, true, persons: gold), matrix);
        Assert.True(matrix.Entries + matrix.Exits > 0);
        Assert.All(matrix.GetPersons(table, "Entry", "High").GetIds(table), id => Assert.Contains(id, gold));
    }

    [Fact]
    public void Threads_give_identical_results()
    {
        var records = new List<ScoreRecord>();
        var random = new Random(11);
        for (var p = 0; p < PersonChunks.Size + 300; p++) // two chunks of persons (a few persons are in no run)
        {
            for (var r = 0; r < 3; r++)
            {
                if (random.Next(8) != 0 || (p == PersonChunks.Size + 299 && r == 1))
                {
                    records.Add(Score($"p{p}", random.Next(30) == 0 ? null : random.NextDouble() * 100, Day.AddDays(7 * r)));
                }
            }
        }

        var table = ScoreTable.FromScores(records).Single();
        Assert.True(table.Persons.Count > PersonChunks.Size);
        var one = TransitionSeries.Compute(table, new TransitionOptions { IncludeNoValue = true });
        var three = TransitionSeries.Compute(table, new TransitionOptions { IncludeNoValue = true, MaxDegreeOfParallelism = 3 });
        Assert.Equal(2, one.Matrices.Count);
        for (var m = 0; m < 2; m++)
        {
            Assert.Equal(one.Matrices[m].Cells.Select(c => c.Count), three.Matrices[m].Cells.Select(c => c.Count));
        }

        var pair = TransitionMatrix.Compute(table, Day, Day.AddDays(7), new TransitionOptions { IncludeNoValue = true, MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Matrices[0].Cells.Select(c => c.Count), pair.Cells.Select(c => c.Count));
        AssertMatches(ReferenceTransitions.Cells(records, BucketScheme.Cai, Day.AddDays(7), Day.AddDays(14), true), three.Matrices[1]);
    }

    [Fact]
    public void Counting_any_split_of_the_persons_and_merging_gives_the_whole()
    {
        var random = new Random(5);
        var plan = new TransitionPlan(Table, new TransitionOptions { IncludeNoValue = true }, [(0, 1), (1, 2), (0, 3), (2, 3)]);
        var whole = new TransitionCounts(plan);
        whole.Add(0, Table.Persons.Count);
        for (var trial = 0; trial < 20; trial++)
        {
            var cut = random.Next(0, Table.Persons.Count + 1);
            var left = new TransitionCounts(plan);
            var right = new TransitionCounts(plan);
            left.Add(0, cut);
            right.Add(cut, Table.Persons.Count - cut);
            right.Merge(left);
            for (var p = 0; p < plan.Pairs.Length; p++)
            {
                Assert.Equal(whole.Pair(p).ToArray(), right.Pair(p).ToArray());
            }
        }
    }

    [Fact]
    public void Bad_parameters_fail_fast_naming_them()
    {
        var (first, second) = (Table.Runs[0].ScoreDate, Table.Runs[1].ScoreDate);
        var outOfOrder = Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, second, first));
        Assert.Equal("to", outOfOrder.ParamName);
        Assert.Contains("out of order", outOfOrder.Message, StringComparison.Ordinal);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, first, first)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, first.AddDays(1), second)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, first, second.AddDays(1))).ParamName);
        Assert.Throws<ArgumentNullException>(() => TransitionMatrix.Compute(null!, first, second));

        var options = Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, first, second, new TransitionOptions { Scheme = null!, NoValueLabel = "", MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", options.ParamName);
        Assert.Contains("Scheme", options.Message, StringComparison.Ordinal);
        Assert.Contains("NoValueLabel", options.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism", options.Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => TransitionSeries.Compute(Table, new TransitionOptions { NoValueLabel = "Exit" })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => TransitionSeries.Compute(Table, new TransitionOptions { NoValueLabel = "High" })).ParamName);

        var matrix = TransitionMatrix.Compute(Table, first, second);
        var row = Assert.Throws<ArgumentException>(() => matrix["Exit", "High"]);
        Assert.Equal("from", row.ParamName);
        Assert.Contains("Low (Less than 25)", row.Message, StringComparison.Ordinal);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => matrix.GetPersons(Table, "Low", "No value")).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[4, 0]).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.GetPersons(Table, 0, -1)).ParamName);

        // The matrix holds no table: the drill-down takes one, and refuses one it was not computed on.
        var other = ScoreTable.FromScores(Scores.Where(s => s.PersonId != Scores[0].PersonId)).Single();
        Assert.Equal("table", Assert.Throws<ArgumentException>(() => matrix.GetPersons(other, "Low", "High")).ParamName);
        var oneRun = ScoreTable.FromScores(Scores.Where(s => s.ScoreDate == first)).Single();
        Assert.Equal("table", Assert.Throws<ArgumentException>(() => matrix.GetPersons(oneRun, "Low", "High")).ParamName);
        Assert.Throws<ArgumentException>(() => TransitionMatrix.Compute(Table, first, second, new TransitionOptions { Segment = Segment.PresentIn(first.AddDays(1)) }));
    }

    [Fact]
    public void Tables_without_persons_or_runs_give_zeros_or_no_matrices()
    {
        var one = ScoreTable.FromScores([Score("a", 10)]).Single();
        Assert.Empty(TransitionSeries.Compute(one).Matrices);
        Assert.Equal([Day], TransitionSeries.Compute(one).Runs);
        var second = Day.AddDays(7);
        var onlyNull = ScoreTable.FromScores([Score("a", null), Score("a", null, second)]).Single();
        var matrix = TransitionMatrix.Compute(onlyNull, Day, second);
        Assert.All(matrix.Cells, c => Assert.Equal((0L, 0.0, 0.0), (c.Count, c.RowShare, c.ColumnShare)));
        Assert.Equal((1L, 1L), (matrix.NoValueFrom, matrix.NoValueTo));
        Assert.Equal(1, TransitionMatrix.Compute(onlyNull, Day, second, new TransitionOptions { IncludeNoValue = true })["No value", "No value"].Count);
    }

    [Fact]
    public void The_series_equals_each_pair_computed_alone()
    {
        var options = new TransitionOptions { Scheme = BucketScheme.Distribution5, IncludeNoValue = true };
        var series = TransitionSeries.Compute(Table, options);
        Assert.Equal(Table.Runs.Count - 1, series.Matrices.Count);
        Assert.Equal(Table.Runs.Select(r => r.ScoreDate), series.Runs);
        for (var m = 0; m < series.Matrices.Count; m++)
        {
            var alone = TransitionMatrix.Compute(Table, Table.Runs[m].ScoreDate, Table.Runs[m + 1].ScoreDate, options);
            Assert.Equal(alone.Cells.Select(c => c.Count), series.Matrices[m].Cells.Select(c => c.Count));
            Assert.Equal(22, series.Matrices[m].Rows.Count);
            AssertMatches(ReferenceTransitions.Cells(Scores, BucketScheme.Distribution5, alone.From, alone.To, true), series.Matrices[m]);
        }
    }

    internal static void AssertMatches(Dictionary<(string From, string To), List<string>> expected, TransitionMatrix actual)
    {
        foreach (var cell in actual.Cells)
        {
            Assert.True(
                (expected.GetValueOrDefault((cell.From.Label, cell.To.Label))?.Count ?? 0) == cell.Count,
                $"{cell.From.Label} → {cell.To.Label}: expected {expected.GetValueOrDefault((cell.From.Label, cell.To.Label))?.Count ?? 0}, got {cell.Count}");
        }

        Assert.Equal(expected.Values.Sum(v => v.Count), actual.Cells.Sum(c => c.Count));
    }

    private static BucketScheme Scheme(ScoreField field) => field switch
    {
        ScoreField.Probability => BucketScheme.Create(field, 0.05, 0.1, 0.25),
        ScoreField.Percentile => BucketScheme.Create(field, 50, 80, 95),
        _ => BucketScheme.Cai,
    };

    internal static ScoreRecord Score(string person, double? score, DateOnly? run = null) => Fixtures.Score(person, score, run ?? Day);
}
