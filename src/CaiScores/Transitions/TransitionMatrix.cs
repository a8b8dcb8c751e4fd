using System.Globalization;
using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Segments;

namespace CaiScores.Transitions;

/// <summary>
/// Run-to-run transitions: how many persons went from each bucket of one scoring run to each bucket of a later run, how
/// many entered (no row in the first run, in a bucket of the second) and how many exited (in a bucket of the first, no
/// row in the second), with row and column shares, and the persons behind any cell ("who went from Low to High")
/// as a <see cref="PersonSet"/> or a <see cref="Segment"/>.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> Rows are the from-run's buckets in the scheme's order (ascending lower bound), then "No value" when
/// <see cref="TransitionOptions.IncludeNoValue"/> is set, then <see cref="EntryLabel"/>. Columns are the to-run's buckets,
/// then "No value" when shown, then <see cref="ExitLabel"/>. Every cell is present, empty ones with 0; the Entry × Exit
/// corner (persons scored in neither run) is always 0.</para>
/// <para><b>Entries and exits</b> mean "no row in the other run" (DOMAIN §7.6), whatever
/// <see cref="TransitionOptions.IncludeNoValue"/> says: a person scored in both runs is never an entry or an exit.</para>
/// <para><b>Invariants.</b> With "No value" shown, each person scored in either run (and in the segment) counts in exactly
/// one cell; a bucket row's total (its cells, exit included) is the number of persons of the from-run in that bucket, a
/// bucket column's total (entries included) the number of persons of the to-run in it — the counts of a
/// <c>ScoreDistribution</c> of each run — and the "No value" row and column add up to the persons scored without a value.
/// With "No value" hidden the same matrix is shown without its "No value" row and column: the persons in them count in no
/// cell, so a bucket row's total is its bucket's persons less those with No value in the to-run.</para>
/// <para><b>Missing values.</b> A person scored with a null value, or a NaN kept by the table's out-of-range policy, is
/// "No value" in that run. When "No value" is hidden (the default) a move between a bucket and "No value" counts in no
/// cell — it is neither an exit nor an entry, since the person has a row in both runs — and neither does one between
/// "No value" and not scored. <see cref="NoValueFrom"/> and <see cref="NoValueTo"/> count these persons either way.</para>
/// <para><b>Runs in between.</b> Only the two runs are looked at: a person scored in both counts in a bucket-to-bucket cell
/// even if absent from every run between them.</para>
/// <para><b>Exact and deterministic.</b> Integer counts of exact compares on the stored doubles (74.99999999999999 is
/// Medium, 75 High). Each run is coded once into one byte per person, and the pairs counted from the codes in fixed chunks
/// of persons merged in order, so the result is the same for any <see cref="TransitionOptions.MaxDegreeOfParallelism"/>.
/// The matrix is a plain value built from the pair's code histogram (<c>Create</c>, the one factory the in-memory engine and
/// any other source of the same counts share); it holds no table. The persons of a cell are found again from the table on
/// demand (<see cref="GetPersons(ScoreTable, int, int)"/>), as a person set's ids are (<see cref="PersonSet.GetIds"/>).</para>
/// </remarks>
public sealed class TransitionMatrix
{
    /// <summary>The label of the last row: persons not in the from-run who are in the to-run.</summary>
    public const string EntryLabel = "Entry";

    /// <summary>The label of the last column: persons in the from-run who are not in the to-run.</summary>
    public const string ExitLabel = "Exit";

    private readonly ulong[] _rowCodes;
    private readonly ulong[] _columnCodes;
    private readonly TransitionRow[] _rows;
    private readonly TransitionColumn[] _columns;

    private TransitionMatrix(DateOnly from, DateOnly to, TransitionOptions options, ReadOnlySpan<long> histogram, ScoreTableDiagnostics diagnostics)
    {
        From = from;
        To = to;
        Options = options;
        Diagnostics = diagnostics;
        var codes = new TransitionCodes(options.Scheme);

        // States and the codes each gathers: bucket b = code b; No value = its code (shown or in no state); Entry/Exit = absent.
        var b = codes.BucketCount;
        var showNoValue = options.IncludeNoValue;
        var noValue = 1UL << codes.NoValueCode;
        var absent = 1UL << codes.AbsentCode;
        var states = new List<(TransitionState Row, TransitionState Column, ulong Codes)>();
        for (var i = 0; i < b; i++)
        {
            var bucket = options.Scheme.Buckets[i];
            states.Add((new TransitionState(i, bucket.DisplayName, TransitionStateKind.Bucket, bucket), new TransitionState(i, bucket.DisplayName, TransitionStateKind.Bucket, bucket), 1UL << i));
        }

        if (showNoValue)
        {
            var state = new TransitionState(b, options.NoValueLabel, TransitionStateKind.NoValue, null);
            states.Add((state, state, noValue));
        }

        var last = states.Count;
        states.Add((new TransitionState(last, EntryLabel, TransitionStateKind.Entry, null), new TransitionState(last, ExitLabel, TransitionStateKind.Exit, null), absent));
        var n = states.Count;
        _rowCodes = [.. states.Select(s => s.Codes)];
        _columnCodes = _rowCodes;

        // Cell counts from the code-pair histogram.
        var k = codes.CodeCount;
        var counts = new long[n * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                if (r == last && c == last)
                {
                    continue; // Entry × Exit: scored in neither run
                }

                long sum = 0;
                for (var x = 0; x < k; x++)
                {
                    for (var y = 0; y < k; y++)
                    {
                        if (((_rowCodes[r] >> x) & (_columnCodes[c] >> y) & 1) != 0)
                        {
                            sum += histogram[(x * k) + y];
                        }
                    }
                }

                counts[r * n + c] = sum;
            }
        }

        var rowTotals = new long[n];
        var columnTotals = new long[n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                rowTotals[r] += counts[r * n + c];
                columnTotals[c] += counts[r * n + c];
            }
        }

        _columns = [.. Enumerable.Range(0, n).Select(c => new TransitionColumn(states[c].Column, columnTotals[c]))];
        _rows = new TransitionRow[n];
        for (var r = 0; r < n; r++)
        {
            var cells = new TransitionCell[n];
            for (var c = 0; c < n; c++)
            {
                var count = counts[r * n + c];
                cells[c] = new TransitionCell(states[r].Row, states[c].Column, count, Share(count, rowTotals[r]), Share(count, columnTotals[c]));
            }

            _rows[r] = new TransitionRow(states[r].Row, rowTotals[r], cells);
        }

        Entries = rowTotals[last];
        Exits = columnTotals[last];
        FromTotal = rowTotals.Take(last).Sum();
        ToTotal = columnTotals.Take(last).Sum();
        for (var r = 0; r < b; r++)
        {
            for (var c = 0; c < b; c++)
            {
                var count = counts[r * n + c];
                if (r == c)
                {
                    Stayed += count;
                }
                else if (c > r)
                {
                    MovedUp += count;
                }
                else
                {
                    MovedDown += count;
                }
            }
        }

        for (var x = 0; x < k; x++)
        {
            NoValueFrom += histogram[(codes.NoValueCode * k) + x];
            NoValueTo += histogram[(x * k) + codes.NoValueCode];
        }
    }

    /// <summary>The from-run's score date.</summary>
    public DateOnly From { get; }

    /// <summary>The to-run's score date (later than <see cref="From"/>).</summary>
    public DateOnly To { get; }

    /// <summary>The options the matrix was computed with (scheme, segment, "No value").</summary>
    public TransitionOptions Options { get; }

    /// <summary>The scheme whose buckets are the rows and columns.</summary>
    [JsonIgnore] // JSON: a duplicate of options.scheme.
    public BucketScheme Scheme => Options.Scheme;

    /// <summary>The rows: from-run buckets ascending, "No value" when shown, then Entry. Each holds one cell per column.</summary>
    public IReadOnlyList<TransitionRow> Rows => _rows;

    /// <summary>The columns: to-run buckets ascending, "No value" when shown, then Exit.</summary>
    public IReadOnlyList<TransitionColumn> Columns => _columns;

    /// <summary>Every cell, row by row.</summary>
    [JsonIgnore] // JSON: a duplicate of the rows' cells.
    public IEnumerable<TransitionCell> Cells => _rows.SelectMany(r => r.Cells);

    /// <summary>Persons counted in the from-run's rows (every row but Entry): with "No value" shown, every person scored in the from-run; hidden, those with a bucket less those with No value in the to-run.</summary>
    public long FromTotal { get; }

    /// <summary>Persons counted in the to-run's columns (every column but Exit): with "No value" shown, every person scored in the to-run; hidden, those with a bucket less those with No value in the from-run.</summary>
    public long ToTotal { get; }

    /// <summary>The Entry row's total: persons with no row in the from-run (or outside the segment there) in a to-run column (a bucket, or "No value" when shown).</summary>
    public long Entries { get; }

    /// <summary>The Exit column's total: persons in a from-run row (a bucket, or "No value" when shown) with no row in the to-run (or outside the segment there).</summary>
    public long Exits { get; }

    /// <summary>Persons counted in both runs' rows and columns: <see cref="FromTotal"/> − <see cref="Exits"/> (= <see cref="ToTotal"/> − <see cref="Entries"/>).</summary>
    public long InBoth => FromTotal - Exits;

    /// <summary>Persons in the same bucket in both runs (the bucket diagonal).</summary>
    public long Stayed { get; }

    /// <summary>Persons in a higher bucket in the to-run than in the from-run.</summary>
    public long MovedUp { get; }

    /// <summary>Persons in a lower bucket in the to-run than in the from-run.</summary>
    public long MovedDown { get; }

    /// <summary>Persons scored in the from-run without a value (null or NaN), shown or not.</summary>
    public long NoValueFrom { get; }

    /// <summary>Persons scored in the to-run without a value (null or NaN), shown or not.</summary>
    public long NoValueTo { get; }

    /// <summary>The diagnostics of the table the matrix was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The cell of a row and a column.</summary>
    /// <param name="row">The row's index.</param>
    /// <param name="column">The column's index.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row or column is outside the matrix.</exception>
    public TransitionCell this[int row, int column]
    {
        get
        {
            CheckCell(row, column);
            return _rows[row].Cells[column];
        }
    }

    /// <summary>The cell of a row and a column named by label: a bucket's label (<c>75 or more</c>) or alias (<c>High</c>), the "No value" label, <see cref="EntryLabel"/> (rows) or <see cref="ExitLabel"/> (columns).</summary>
    /// <param name="from">The row's name.</param>
    /// <param name="to">The column's name.</param>
    /// <exception cref="ArgumentException">No row or column of that name (the message lists them).</exception>
    public TransitionCell this[string from, string to] => _rows[RowOf(from)].Cells[ColumnOf(to)];

    /// <summary>Computes the transitions between two runs.</summary>
    /// <param name="table">The table.</param>
    /// <param name="from">The earlier run's score date.</param>
    /// <param name="to">The later run's score date.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new TransitionOptions()</c>
    /// (<see cref="BucketScheme.Cai"/> on the score, everyone, "No value" hidden).</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message lists every problem); a run
    /// does not exist (parameter <c>from</c> or <c>to</c>; the message lists the runs); <paramref name="to"/> is not later than
    /// <paramref name="from"/> (parameter <c>to</c>); the segment names a run, bucket or attribute the table does not have.</exception>
    public static TransitionMatrix Compute(ScoreTable table, DateOnly from, DateOnly to, TransitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= TransitionOptions.Default;
        options.Validate();
        var fromRun = AnalysisErrors.RunIndex(table, from, nameof(from));
        var toRun = AnalysisErrors.RunIndex(table, to, nameof(to));
        if (toRun <= fromRun)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The run pair is out of order: to ({to:yyyy-MM-dd}) must be a later run than from ({from:yyyy-MM-dd})."),
                nameof(to));
        }

        var plan = new TransitionPlan(table, options, [(fromRun, toRun)]);
        var counts = TransitionCounts.Count(plan, options.MaxDegreeOfParallelism);
        return Create(from, to, options, counts.Pair(0), table.Diagnostics);
    }

    /// <summary>The persons behind a cell, over the table's person index.</summary>
    /// <param name="table">The table the matrix was computed on (or one with the same persons and runs, such as it with
    /// attributes joined).</param>
    /// <param name="row">The row's index.</param>
    /// <param name="column">The column's index.</param>
    /// <returns>The persons (as many as the cell's <see cref="TransitionCell.Count"/>); none for Entry × Exit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or column is outside the matrix.</exception>
    /// <exception cref="ArgumentException">The table lacks the matrix's runs or has another number of persons.</exception>
    /// <remarks>Found again from the table's two runs (one pass, a few milliseconds per million persons), not stored: the
    /// matrix holds counts only.</remarks>
    public PersonSet GetPersons(ScoreTable table, int row, int column)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckCell(row, column);
        var fromRun = AnalysisErrors.RunIndex(table, From, nameof(table));
        var toRun = AnalysisErrors.RunIndex(table, To, nameof(table));
        if (table.Persons.Count != Diagnostics.Persons)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The matrix was computed on a table of {Diagnostics.Persons:N0} persons; {table.InstancePath} has {table.Persons.Count:N0}. Pass the table the matrix was computed on."),
                nameof(table));
        }

        var last = _rows.Length - 1;
        return row == last && column == last
            ? PersonSet.None(table.Persons.Count)
            : new TransitionPlan(table, Options, [(fromRun, toRun)]).Select(fromRun, toRun, _rowCodes[row], _columnCodes[column]);
    }

    /// <summary>The persons behind a cell named by its row and column (e.g. <c>"Low", "High"</c>: who went from Low to High).</summary>
    /// <param name="table">The table the matrix was computed on.</param>
    /// <param name="from">The row's name (see <see cref="this[string, string]"/>).</param>
    /// <param name="to">The column's name.</param>
    /// <returns>The persons.</returns>
    /// <exception cref="ArgumentException">No row or column of that name, or not the matrix's table.</exception>
    public PersonSet GetPersons(ScoreTable table, string from, string to) => GetPersons(table, RowOf(from), ColumnOf(to));

    /// <summary>The persons behind a cell as a segment, to filter any other analysis of the same table by them.</summary>
    /// <param name="table">The table the matrix was computed on.</param>
    /// <param name="from">The row's name.</param>
    /// <param name="to">The column's name.</param>
    /// <returns><c>Segment.Of(GetPersons(table, from, to))</c>.</returns>
    /// <exception cref="ArgumentException">No row or column of that name, or not the matrix's table.</exception>
    public Segment ToSegment(ScoreTable table, string from, string to) => Segment.Of(GetPersons(table, from, to));

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{From:yyyy-MM-dd} → {To:yyyy-MM-dd} by {Scheme}: {InBoth:N0} in both ({Stayed:N0} stayed, {MovedUp:N0} up, {MovedDown:N0} down), {Entries:N0} entries, {Exits:N0} exits");

    /// <summary>The matrices of every pair of a plan, from its counts.</summary>
    internal static TransitionMatrix[] FromCounts(TransitionPlan plan, TransitionCounts counts) =>
        [.. Enumerable.Range(0, plan.Pairs.Length).Select(p => Create(
            plan.Table.Runs[plan.Pairs[p].From].ScoreDate, plan.Table.Runs[plan.Pairs[p].To].ScoreDate, plan.Options, counts.Pair(p), plan.Table.Diagnostics))];

    /// <summary>
    /// The one factory of a matrix, from what was counted: the pair's histogram of (from-code, to-code), codes as
    /// <see cref="TransitionCodes"/> lays them out for the scheme (bucket i is code i, then No value, then absent).
    /// </summary>
    /// <param name="from">The earlier run.</param>
    /// <param name="to">The later run.</param>
    /// <param name="options">The options it was counted with (their scheme gives the codes).</param>
    /// <param name="histogram">The code-pair counts, <c>CodeCount × CodeCount</c>, from-code major.</param>
    /// <param name="diagnostics">The diagnostics of the table counted.</param>
    /// <returns>The matrix.</returns>
    internal static TransitionMatrix Create(DateOnly from, DateOnly to, TransitionOptions options, ReadOnlySpan<long> histogram, ScoreTableDiagnostics diagnostics)
    {
        var codes = new TransitionCodes(options.Scheme).CodeCount;
        if (histogram.Length != codes * codes)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A transition histogram of {codes} codes has {codes * codes} cells; {histogram.Length} were given."), nameof(histogram));
        }

        return new TransitionMatrix(from, to, options, histogram, diagnostics);
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

    private void CheckCell(int row, int column)
    {
        if ((uint)row >= (uint)_rows.Length || (uint)column >= (uint)_columns.Length)
        {
            throw new ArgumentOutOfRangeException(
                (uint)row >= (uint)_rows.Length ? nameof(row) : nameof(column),
                string.Create(CultureInfo.InvariantCulture, $"The matrix has {_rows.Length} rows and {_columns.Length} columns; ({row}, {column}) is outside."));
        }
    }

    private int RowOf(string from) => IndexOf(from, _rows.Select(r => r.From).ToArray(), nameof(from));

    private int ColumnOf(string to) => IndexOf(to, _columns.Select(c => c.To).ToArray(), nameof(to));

    private static int IndexOf(string name, TransitionState[] states, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        foreach (var state in states)
        {
            if (state.Label == name || state.Bucket?.Label == name || state.Bucket?.Alias == name)
            {
                return state.Index;
            }
        }

        throw new ArgumentException($"No {(parameter == "from" ? "row" : "column")} '{name}'; the {(parameter == "from" ? "rows" : "columns")} are: {string.Join(", ", states.Select(s => s.Bucket is { Alias: not null } b ? $"{b.Alias} ({b.Label})" : s.Label))}.", parameter);
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
