using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.ReasonCodes;

/// <summary>
/// Score buckets broken down by influential factor code — CJA's freeform table of People with rows <c>score bucket</c> and
/// the breakdown <c>Influential factors code</c>, and the CAI "Influential factors" cards (<see cref="ForInsightCards"/>).
/// Per bucket: the persons in it, their share of the grand total, the persons with at least one factor (the breakdown's table
/// total), and the top factors with persons, share of the table total, coverage of the bucket, importance counts and the
/// value distribution.
/// </summary>
/// <remarks>
/// <para>Every count is of distinct persons (CJA's People metric). A person counts in the bucket of their value in the run
/// (with <see cref="ReasonCodeOptions.Range"/>: in every bucket one of their runs in the window falls in, so the buckets may
/// add up to more than <see cref="GrandTotal"/>, which is deduplicated); a code counts once per person and bucket, however
/// often it appears. Factor shares of a bucket add up to more than 1, as persons have several codes.</para>
/// <para>A person without a value (null score, or NaN kept by the out-of-range policy) is in no bucket and counts in
/// <see cref="NoValue"/>. A person whose factor list is null or empty counts in the bucket's People but not in its table
/// total. Factors without a code are left out unless <see cref="ReasonCodeOptions.IncludeNoValue"/>; factors of an
/// importance <see cref="ReasonCodeOptions.Importance"/> leaves out count nowhere.</para>
/// <para>Counting walks the table's factor lists once with a dense (bucket × code) tally after a vectorised bucket
/// assignment, counting the value distributions in the same walk when buckets × codes × values is small, else in a second
/// walk for the listed factors only. Counts are exact integers and the shares are one division each, so results are
/// identical for any degree of parallelism.</para>
/// </remarks>
public sealed class ReasonCodeTable
{
    /// <summary>The label of a missing code or value, as CJA shows it.</summary>
    public const string NoValueLabel = "No value";

    private readonly ReasonCodeBucket[] _rows;

    /// <summary>
    /// The one way a <see cref="ReasonCodeTable"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal ReasonCodeTable(ReasonCodeOptions options, DateOnly[] runs, ReasonCodeBucket[] rows, long grandTotal, long noValue, ScoreTableDiagnostics diagnostics)
    {
        Options = options;
        Runs = runs;
        _rows = rows;
        GrandTotal = grandTotal;
        NoValue = noValue;
        Diagnostics = diagnostics;
    }

    /// <summary>The options the table was computed with.</summary>
    public ReasonCodeOptions Options { get; }

    /// <summary>The scheme of the rows.</summary>
    [JsonIgnore] // JSON: a duplicate of options.scheme.
    public BucketScheme Scheme => Options.Scheme;

    /// <summary>The score dates of the runs counted, ascending (one, unless <see cref="ReasonCodeOptions.Range"/> was set; none for a window without runs).</summary>
    public IReadOnlyList<DateOnly> Runs { get; }

    /// <summary>One row per bucket, in the scheme's order (ascending lower bound), empty buckets included.</summary>
    public IReadOnlyList<ReasonCodeBucket> Rows => _rows;

    /// <summary>Persons with a value in some bucket, each counted once (CJA's deduplicated grand total).</summary>
    public long GrandTotal { get; }

    /// <summary>Persons of the runs counted (and of the segment) with a run whose value is null or NaN: in no bucket ("No value").</summary>
    public long NoValue { get; }

    /// <summary>The diagnostics of the table the breakdown was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The row of a bucket.</summary>
    /// <param name="bucket">The bucket's label (<c>Less than 25</c>) or alias (<c>Low</c>), ordinal.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">No bucket has that label or alias; the message lists them.</exception>
    public ReasonCodeBucket GetRow(string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return Array.Find(_rows, r => r.Bucket.Label == bucket || r.Bucket.Alias == bucket)
            ?? throw new ArgumentException($"'{bucket}' is not a bucket of {Scheme}; use one of: {string.Join(", ", _rows.Select(r => r.Bucket.Alias is null ? r.Bucket.Label : $"{r.Bucket.Alias} ({r.Bucket.Label})"))}.", nameof(bucket));
    }

    /// <summary>Computes the breakdown.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">What to compute; default <c>new ReasonCodeOptions()</c>: CAI buckets of the latest run, top 5 codes, everyone.</param>
    /// <returns>The breakdown.</returns>
    /// <exception cref="ArgumentException">
    /// An option is invalid (every problem in one message; the parameter is the option when there is one problem), the run
    /// does not exist (parameter <c>Run</c>; the message lists the runs), the table has no runs and none is given, or the
    /// segment names a run, bucket or attribute the table does not have.
    /// </exception>
    public static ReasonCodeTable Compute(ScoreTable table, ReasonCodeOptions? options = null) =>
        ComputeCore(table, options ?? new ReasonCodeOptions());

    /// <summary>
    /// The CAI "Influential factors" cards: the top <see cref="ReasonCodeOptions.InsightCardsTopN"/> (10) factors of each
    /// Low / Medium / High bucket of a run, with coverage and value distributions. For other settings use
    /// <see cref="Compute"/> with <c>ReasonCodeOptions.InsightCards with { … }</c>.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <returns>The breakdown.</returns>
    /// <exception cref="ArgumentException">The run does not exist, or the table has no runs.</exception>
    public static ReasonCodeTable ForInsightCards(ScoreTable table, DateOnly? run = null) =>
        Compute(table, ReasonCodeOptions.InsightCards with { Run = run });

    /// <summary>Computes the breakdown, with the switches between the ways of counting values settable (tests).</summary>
    internal static ReasonCodeTable ComputeCore(ScoreTable table, ReasonCodeOptions options, int fusedValueCells = ReasonCodePlan.FusedValueCells, int valueDenseLimit = ValueTally.DenseLimit)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var plan = ReasonCodePlan.Create(table, options, fusedValueCells);
        var counts = PersonChunks.Aggregate(
            plan.Persons,
            options.MaxDegreeOfParallelism,
            () => ReasonCodeCounts.Create(plan),
            (state, from, count) => state.Add(from, count),
            (into, other) => into.Merge(other));
        return Build(plan, counts, valueDenseLimit);
    }

    /// <summary>Picks the top codes per bucket, counts their values, and makes the rows.</summary>
    internal static ReasonCodeTable Build(ReasonCodePlan plan, ReasonCodeCounts counts, int valueDenseLimit = ValueTally.DenseLimit)
    {
        var table = plan.Table;
        var options = plan.Options;
        var tally = counts.Tally;
        var codes = new NameCache(table.FactorCodes);
        var selection = new int[plan.Groups * plan.Slots];
        selection.AsSpan().Fill(-1);
        var top = new int[plan.Groups][];
        var others = new int[plan.Groups];
        var selections = 0;
        for (var g = 0; g < plan.Groups; g++)
        {
            var candidates = new List<int>();
            for (var slot = plan.IncludeNoValue ? 0 : 1; slot < plan.Slots; slot++)
            {
                if (tally.ItemsOf(g, slot) > 0)
                {
                    candidates.Add(slot);
                }
            }

            var group = g;
            candidates.Sort((a, b) =>
            {
                var byPeople = tally.ItemsOf(group, b).CompareTo(tally.ItemsOf(group, a));
                return byPeople != 0 ? byPeople : CompareNames(codes.Get(a), codes.Get(b));
            });
            var n = Math.Min(options.TopN, candidates.Count);
            top[g] = [.. candidates.Take(n)];
            others[g] = candidates.Count - n;
            foreach (var slot in top[g])
            {
                selection[(g * plan.Slots) + slot] = selections++;
            }
        }

        ValueTally? values = counts.Values;
        if (values is not null)
        {
            // Counted in the first walk for every cell: each cell is its own selection.
            selection = plan.AllCells;
            selections = selection.Length;
        }
        else if (selections > 0)
        {
            values = PersonChunks.Aggregate(
                plan.Persons,
                options.MaxDegreeOfParallelism,
                () => ReasonCodeValues.Create(plan, selection, selections, valueDenseLimit),
                (state, from, count) => state.Add(from, count),
                (into, other) => into.Merge(other)).Tally;
        }

        var distributions = Distributions(values, selections, new NameCache(table.FactorValues));
        var rows = new ReasonCodeBucket[plan.Groups];
        for (var g = 0; g < plan.Groups; g++)
        {
            long people = tally.People[g];
            long tableTotal = tally.WithEntries[g];
            var factors = new ReasonCodeFactor[top[g].Length];
            for (var k = 0; k < factors.Length; k++)
            {
                var slot = top[g][k];
                long factorPeople = tally.ItemsOf(g, slot);
                factors[k] = new ReasonCodeFactor(
                    codes.Get(slot),
                    factorPeople,
                    Share(factorPeople, tableTotal),
                    Share(factorPeople, people),
                    new ImportanceCounts(
                        Low: tally.ItemsOf(g, slot, (int)Models.Importance.Low),
                        Medium: tally.ItemsOf(g, slot, (int)Models.Importance.Medium),
                        High: tally.ItemsOf(g, slot, (int)Models.Importance.High),
                        Unspecified: tally.ItemsOf(g, slot, (int)Models.Importance.Unspecified)),
                    distributions[selection[(g * plan.Slots) + slot]]);
            }

            rows[g] = new ReasonCodeBucket(options.Scheme.Buckets[g], people, Share(people, tally.Distinct), tableTotal, factors, others[g]);
        }

        DateOnly[] runs = [.. plan.Runs.Select(r => r.ScoreDate)];
        return new ReasonCodeTable(options, runs, rows, tally.Distinct, tally.NoValue, table.Diagnostics);
    }

    private static FactorValueCount[][] Distributions(ValueTally? values, int selections, NameCache names)
    {
        var lists = new List<FactorValueCount>[selections];
        for (var s = 0; s < selections; s++)
        {
            lists[s] = [];
        }

        if (values is not null)
        {
            foreach (var (selection, valueSlot, count) in values.AllCells())
            {
                lists[selection].Add(new FactorValueCount(names.Get(valueSlot), count));
            }
        }

        var result = new FactorValueCount[selections][];
        for (var s = 0; s < selections; s++)
        {
            lists[s].Sort((a, b) =>
            {
                var byPeople = b.People.CompareTo(a.People);
                return byPeople != 0 ? byPeople : CompareNames(a.Value, b.Value);
            });
            result[s] = [.. lists[s]];
        }

        return result;
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>Ordinal, with null ("No value") after every name.</summary>
    private static int CompareNames(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);

    /// <summary>Decodes dictionary entries by slot (id + 1; slot 0 is null) once each.</summary>
    private sealed class NameCache(StringDictionary dictionary)
    {
        private readonly Dictionary<int, string> _names = [];

        public string? Get(int slot)
        {
            if (slot == 0)
            {
                return null;
            }

            if (!_names.TryGetValue(slot, out var name))
            {
                name = dictionary[slot - 1];
                _names.Add(slot, name);
            }

            return name;
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
