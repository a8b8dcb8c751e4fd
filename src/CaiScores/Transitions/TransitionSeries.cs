using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;

namespace CaiScores.Transitions;

/// <summary>
/// The transition matrices of every consecutive pair of runs of a table (run 1 → 2, 2 → 3, …), computed in one pass over
/// the persons: each run is coded once and serves the two pairs it belongs to.
/// </summary>
/// <remarks>Each matrix is exactly what <see cref="TransitionMatrix.Compute"/> gives for its pair with the same options.</remarks>
public sealed class TransitionSeries
{
    /// <summary>
    /// The one way a <see cref="TransitionSeries"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal TransitionSeries(DateOnly[] runs, TransitionMatrix[] matrices, TransitionOptions options, ScoreTableDiagnostics diagnostics)
    {
        Runs = runs;
        Matrices = matrices;
        Options = options;
        Diagnostics = diagnostics;
    }

    /// <summary>The score dates of the table's runs, ascending.</summary>
    public IReadOnlyList<DateOnly> Runs { get; }

    /// <summary>One matrix per consecutive pair, in run order (<c>Runs.Count − 1</c> of them; none when the table has fewer than two runs).</summary>
    public IReadOnlyList<TransitionMatrix> Matrices { get; }

    /// <summary>The options the matrices were computed with.</summary>
    public TransitionOptions Options { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the transitions of every consecutive pair of runs.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new TransitionOptions()</c>.</param>
    /// <returns>The matrices; none for a table with fewer than two runs.</returns>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message lists every problem), or
    /// the segment names a run, bucket or attribute the table does not have.</exception>
    public static TransitionSeries Compute(ScoreTable table, TransitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= TransitionOptions.Default;
        options.Validate();
        var runs = table.Runs.Select(r => r.ScoreDate).ToArray();
        var pairs = Enumerable.Range(0, Math.Max(0, runs.Length - 1)).Select(r => (r, r + 1)).ToArray();
        var plan = new TransitionPlan(table, options, pairs);
        var matrices = pairs.Length == 0 ? [] : TransitionMatrix.FromCounts(plan, TransitionCounts.Count(plan, options.MaxDegreeOfParallelism));
        return new TransitionSeries(runs, matrices, options, table.Diagnostics);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Matrices.Count} transition matrices over {Runs.Count} runs");

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
