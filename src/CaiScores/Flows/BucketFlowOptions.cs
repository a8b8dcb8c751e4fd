using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Flows;

/// <summary>Settings of <see cref="BucketFlow.Compute(Columnar.ScoreTable, BucketFlowOptions?)"/>; each property states its default.</summary>
/// <remarks>Immutable (<c>init</c> properties, <c>with</c> to vary one); checked when the flow is computed, every problem
/// reported at once in one <see cref="ArgumentException"/> (parameter <c>options</c>) whose message names the property.</remarks>
public sealed record BucketFlowOptions
{
    /// <summary>The most columns a flow has on a side of its anchor (CJA's <i>Number of columns</i> maximum).</summary>
    public const int MaxColumns = 5;

    /// <summary>The most items expanded per column (CJA's <i>Items expanded per column</i> maximum).</summary>
    public const int MaxItemsPerColumn = 10;

    /// <summary>The label of the terminal node after a sequence's last item.</summary>
    public const string ExitLabel = "Exit";

    /// <summary>The label of the <see cref="FlowAnchor.Entry"/> anchor, and of the terminal node before a sequence's first item.</summary>
    public const string EntryLabel = "Entry";

    /// <summary>The buckets (the items of the flow), and the field they cut.</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/>: <c>Less than 25</c>, <c>25 to 75</c>, <c>75 or more</c> on the score.</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>Where the flow is anchored.</summary>
    /// <value>Default <see cref="FlowAnchor.Entry"/>.</value>
    public FlowAnchor Anchor { get; init; } = FlowAnchor.Entry;

    /// <summary>
    /// Columns on each side of the anchor that has columns: after it for Entry and Starts with, before it for Ends with,
    /// both before and after it for Contains (so a Contains flow of 2 columns shows 2 + 1 + 2).
    /// </summary>
    /// <value>Default 2 (CJA's default); 1 to <see cref="MaxColumns"/>.</value>
    public int Columns { get; init; } = 2;

    /// <summary>Items shown per column, most frequent first (ties by label, ordinal); the others merge into one <c>+K more</c> node.
    /// <c>Exit</c> and <c>Entry</c> nodes are always shown and do not take a place.</summary>
    /// <value>Default 5 (CJA's default); 1 to <see cref="MaxItemsPerColumn"/>.</value>
    public int ItemsPerColumn { get; init; } = 5;

    /// <summary>Whether consecutive equal items stay apart (CJA's <i>Include repeat instances</i>): <c>High, High, Low</c>
    /// is three steps with it and two (<c>High, Low</c>) without.</summary>
    /// <value>Default false: consecutive repeats collapse into one step.</value>
    public bool IncludeRepeats { get; init; }

    /// <summary>
    /// With false (CJA's default) every occurrence of the anchor item anchors a path and counts are path views (CJA's
    /// Occurrences), so a person whose sequence holds the item twice (<c>High, Low, High</c>) counts twice. With true only
    /// the first occurrence (Starts with, Contains) or the last (Ends with) does, and counts are persons. Ignored for Entry
    /// (one per person).
    /// </summary>
    /// <value>Default false.</value>
    public bool LimitToFirstLastOccurrence { get; init; }

    /// <summary>
    /// Whether a run a person is missing from, between their first and last run in the flow, is a step labelled
    /// <see cref="NotScoredLabel"/>. Missing runs before the first run are not steps (the person had not entered), nor are
    /// missing runs after the last (the sequence ended: <c>Exit</c>).
    /// </summary>
    /// <value>Default false (CJA: a person has no event in a run they were not scored in, so the run is no step).</value>
    public bool IncludeNotScored { get; init; }

    /// <summary>The label of the "Not scored" state (see <see cref="IncludeNotScored"/>).</summary>
    /// <value>Default <c>"Not scored"</c>; not empty, and not a bucket label, alias or another state's label.</value>
    public string NotScoredLabel { get; init; } = "Not scored";

    /// <summary>
    /// Whether a run where the person is scored without a value in the field (null, or NaN in hand-built tables) is a step
    /// labelled <see cref="NoValueLabel"/>. Without it such a run is no step at all (as a CJA event without the dimension's
    /// value) and neither a missing run.
    /// </summary>
    /// <value>Default false (CJA's "Don't show No value by default").</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>The label of the "No value" state.</summary>
    /// <value>Default <c>"No value"</c>; not empty, and not a bucket label, alias or another state's label.</value>
    public string NoValueLabel { get; init; } = "No value";

    /// <summary>Only the runs whose score date is in this window make up the sequences (in run order).</summary>
    /// <value>Default null: every run of the table.</value>
    public DateRange? Range { get; init; }

    /// <summary>Only the persons of this segment (CJA's person container), evaluated on the runs in <see cref="Range"/>.</summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks merged in order; counts are integers).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static BucketFlowOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting, and resolves the anchor item to its state's label.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Cai or BucketScheme.Create)");
        }

        if (Anchor is null)
        {
            errors.Add("Anchor is null (use FlowAnchor.Entry, StartsWith, EndsWith or Contains)");
        }
        else if (!Enum.IsDefined(Anchor.Kind))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Anchor kind {(int)Anchor.Kind} is not Entry, StartsWith, EndsWith or Contains"));
        }

        if (Columns is < 1 or > MaxColumns)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Columns is {Columns}; it is 1 to {MaxColumns}"));
        }

        if (ItemsPerColumn is < 1 or > MaxItemsPerColumn)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ItemsPerColumn is {ItemsPerColumn}; it is 1 to {MaxItemsPerColumn}"));
        }

        CheckLabel(errors, nameof(NoValueLabel), NoValueLabel);
        CheckLabel(errors, nameof(NotScoredLabel), NotScoredLabel);
        if (!string.IsNullOrEmpty(NoValueLabel) && NoValueLabel == NotScoredLabel)
        {
            errors.Add($"NoValueLabel and NotScoredLabel are both '{NoValueLabel}'");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count == 0 && Anchor!.Kind != FlowAnchorKind.Entry && FlowLayout.StateOf(this, Anchor.Item!) < 0)
        {
            errors.Add($"Anchor item '{Anchor.Item}' is not an item of the flow; the items are {string.Join(", ", FlowLayout.ItemNames(this).Select(n => $"'{n}'"))}");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid BucketFlowOptions: {string.Join("; ", errors)}.", "options");
        }
    }

    private void CheckLabel(List<string> errors, string name, string label)
    {
        if (string.IsNullOrEmpty(label))
        {
            errors.Add($"{name} is empty");
        }
        else if (label is ExitLabel or EntryLabel || (Scheme is not null && Scheme.Buckets.Any(b => b.Label == label || b.Alias == label)))
        {
            errors.Add($"{name} '{label}' is already the label of a bucket or of the {ExitLabel} / {EntryLabel} node");
        }
    }
}
