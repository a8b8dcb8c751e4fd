using System.Globalization;
using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Targeting;

/// <summary>
/// The persons in the top p % of one scoring run (see <see cref="TopPercent.Select"/>): the exact threshold, how many
/// were asked for and how many were selected (ties at the threshold are all in), and the persons as a set, a segment or ids.
/// </summary>
/// <remarks>
/// <para>Counts are over the persons scored in the run (and in the segment, when there is one). Of those,
/// <see cref="WithValue"/> have a usable value and are ranked; the others are counted in <see cref="NoValue"/> (null)
/// or <see cref="NotANumber"/> (NaN kept by <c>OutOfRange = Keep</c>) and never selected.</para>
/// <para>Immutable. <see cref="Persons"/> is drawn from the table's person index; use it on that table.</para>
/// </remarks>
public sealed class TopPercentSelection
{
    /// <summary>
    /// The one way a <see cref="TopPercentSelection"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal TopPercentSelection(
        DateOnly run,
        double percent,
        TargetingMethod method,
        ScoreField field,
        double? threshold,
        long scored,
        long withValue,
        long noValue,
        long notANumber,
        long targetCount,
        long count,
        long tiedAtThreshold,
        long? thresholdRank,
        long? firstRankAtThreshold,
        long recomputedPercentiles,
        double? recomputedThreshold,
        PersonSet persons,
        ScoreTableDiagnostics diagnostics)
    {
        Run = run;
        Percent = percent;
        Method = method;
        Field = field;
        Threshold = threshold;
        Scored = scored;
        WithValue = withValue;
        NoValue = noValue;
        NotANumber = notANumber;
        TargetCount = targetCount;
        Count = count;
        TiedAtThreshold = tiedAtThreshold;
        ThresholdRank = thresholdRank;
        FirstRankAtThreshold = firstRankAtThreshold;
        RecomputedPercentiles = recomputedPercentiles;
        RecomputedThreshold = recomputedThreshold;
        Persons = persons;
        Diagnostics = diagnostics;
    }

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>The p of "top p %", in (0, 100].</summary>
    public double Percent { get; }

    /// <summary>How the top p % was decided.</summary>
    public TargetingMethod Method { get; }

    /// <summary>
    /// The value the threshold is on: <see cref="ScoreField.Percentile"/> for <see cref="TargetingMethod.SuppliedPercentile"/>,
    /// else <see cref="TopPercentOptions.Field"/>.
    /// </summary>
    public ScoreField Field { get; }

    /// <summary>
    /// The exact threshold: the lowest <see cref="Field"/> value among the selected persons, so a value of the column
    /// (−0.0 reported as 0.0). Everyone with a value at or above it is selected. Null when no one is selected. For
    /// <see cref="TargetingMethod.SuppliedPercentile"/> it is the lowest supplied percentile selected (81 for a top 20 %
    /// when someone has 81), persons whose percentile was recomputed aside.
    /// </summary>
    public double? Threshold { get; }

    /// <summary>The persons scored in the run (and in the segment), with or without a value.</summary>
    public long Scored { get; }

    /// <summary>
    /// The persons ranked: scored, in the segment, with a usable value (plus, under <see cref="MissingPercentilePolicy.Recompute"/>,
    /// those whose percentile was recomputed). The "n" of p % × n.
    /// </summary>
    public long WithValue { get; }

    /// <summary>Scored persons left out because their value is null (for supplied percentiles: no percentile and none recomputed).</summary>
    public long NoValue { get; }

    /// <summary>Scored persons left out because their value is NaN.</summary>
    public long NotANumber { get; }

    /// <summary>The persons the top p % asks for: <c>⌈p / 100 × WithValue⌉</c> (p taken at its shortest decimal), 0 when no one has a value.</summary>
    public long TargetCount { get; }

    /// <summary>The persons selected. At least <see cref="TargetCount"/> for the recomputed methods (ties at the threshold are all in); any number for supplied percentiles.</summary>
    public long Count { get; }

    /// <summary>Selected persons whose value equals <see cref="Threshold"/> (the ties that were all taken in).</summary>
    public long TiedAtThreshold { get; }

    /// <summary>
    /// The rank k of the threshold: the 1-based position, in descending order of the ranked values, that the method looked
    /// up and whose value is <see cref="Threshold"/>. <see cref="TargetingMethod.Recomputed"/>: <c>k = ⌈p/100 × WithValue⌉</c>
    /// (= <see cref="TargetCount"/>). <see cref="TargetingMethod.QuantileDisc"/>: <c>k = WithValue − max(1, ⌈(1 − p/100) ×
    /// WithValue⌉) + 1</c>. <see cref="TargetingMethod.SuppliedPercentile"/>: the last position held by a supplied percentile
    /// equal to the threshold, among the supplied percentiles (recomputed ones aside) — the rule
    /// <c>percentileScore &gt; 100 − p</c> selects exactly the k highest. Null when no one is selected.
    /// </summary>
    /// <remarks>Tied values hold consecutive positions: the <see cref="TiedAtThreshold"/> persons at the threshold hold
    /// positions <see cref="FirstRankAtThreshold"/> to <c>FirstRankAtThreshold + TiedAtThreshold − 1</c>, k among them, and
    /// all of them are selected, so the last of those positions is the number selected from the ranked values.</remarks>
    public long? ThresholdRank { get; }

    /// <summary>
    /// The first (highest) 1-based descending position held by a value equal to <see cref="Threshold"/>: the persons with a
    /// higher value, plus one (among the supplied percentiles for <see cref="TargetingMethod.SuppliedPercentile"/>). Null
    /// when no one is selected. See <see cref="ThresholdRank"/>.
    /// </summary>
    public long? FirstRankAtThreshold { get; }

    /// <summary><see cref="Count"/> − <see cref="TargetCount"/>: how many more than asked were selected because of ties (negative when supplied percentiles give fewer).</summary>
    public long ExcessOverTarget => Count - TargetCount;

    /// <summary><see cref="Count"/> / <see cref="WithValue"/>, the share of ranked persons selected; 0 when no one has a value.</summary>
    public double Share => WithValue == 0 ? 0 : (double)Count / WithValue;

    /// <summary>Persons whose missing percentile was recomputed (<see cref="MissingPercentilePolicy.Recompute"/>); else 0.</summary>
    public long RecomputedPercentiles { get; }

    /// <summary>
    /// Under <see cref="MissingPercentilePolicy.Recompute"/>: the lowest value of <see cref="TopPercentOptions.Field"/>
    /// whose recomputed percentile is above <c>100 − p</c> (persons without a percentile are selected at or above it); else null.
    /// </summary>
    public double? RecomputedThreshold { get; }

    /// <summary>The selected persons, over the table's person index.</summary>
    [JsonIgnore] // a bitmap over one table's person index, meaningless without the table; Count is its size.
    public PersonSet Persons { get; }

    /// <summary>The diagnostics of the table the selection was made on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The selection as a segment, to filter any other analysis of the same table by it.</summary>
    /// <returns><c>Segment.Of(Persons)</c>.</returns>
    public Segment ToSegment() => Segment.Of(Persons);

    /// <summary>The ids of the selected persons, in person-index order.</summary>
    /// <param name="table">The table the selection was made on.</param>
    /// <returns>The person ids.</returns>
    /// <exception cref="ArgumentException">The table is not the one the selection was made on (a different person count).</exception>
    public IReadOnlyList<string> GetPersonIds(ScoreTable table) => Persons.GetIds(table);

    /// <summary>The rule in words, e.g. <c>percentileScore &gt; 80</c> or <c>score ≥ 71.23</c>.</summary>
    public string Rule => Method switch
    {
        TargetingMethod.SuppliedPercentile => string.Create(CultureInfo.InvariantCulture, $"percentileScore > {100m - QuantileRanks.Exact(Percent)}"),
        _ when Threshold is { } t => string.Create(CultureInfo.InvariantCulture, $"{ScoreFields.XdmName(Field)} ≥ {t:R}"),
        _ => "no one (no person has a value)",
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"top {Percent:R} % of {Run:yyyy-MM-dd} ({Method}): {Rule}, {Count:N0} of {WithValue:N0} persons (target {TargetCount:N0}, {TiedAtThreshold:N0} tied at the threshold, rank {ThresholdRank:N0})");


    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
