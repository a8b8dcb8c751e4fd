namespace CaiScores.Output;

/// <summary>
/// The registry of result views: the one place a new analysis result is registered for its tables
/// (<see cref="ResultTables"/>, CSV, Arrow, HTML), its LINQPad dump and its dump's charts (<see cref="ResultDump"/>).
/// </summary>
/// <remarks>A test checks that every result type the JSON context knows has exactly one view here.</remarks>
internal static class ResultViews
{
    /// <summary>Every view, one per result type, in the order of the analysis families.</summary>
    public static IReadOnlyList<ResultView> All { get; } =
    [
        DistributionViews.Summary,
        DistributionViews.Distribution,
        DistributionViews.Runs,
        HistogramViews.Histogram,
        TrendViews.Trend,
        ReasonCodeViews.ReasonCodes,
        TargetingViews.TopPercent,
        AudienceViews.Audience,
        TransitionViews.Matrix,
        TransitionViews.Series,
        FlowViews.Flow,
        OverlapViews.Venn,
        OverlapViews.Intersections,
        CohortViews.Cohorts,
        OutcomeViews.Evaluation,
        OutcomeViews.Performance,
        OutcomeViews.SuccessEvents,
    ];

    private static readonly Dictionary<Type, ResultView> ByType = Index(All);

    /// <summary>The view of a result's runtime type.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Its view; null when its type has none.</returns>
    public static ResultView? Find(object result) => ByType.GetValueOrDefault(result.GetType());

    /// <summary>The view of a result's runtime type, which must have one.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Its view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The result's type has no view; the message names it.</exception>
    public static ResultView Of(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Find(result)
            ?? throw new ArgumentException($"{result.GetType().FullName} is not an analysis result with tables.", nameof(result));
    }

    /// <summary>The views by result type.</summary>
    /// <exception cref="InvalidOperationException">Two views are of one type; the message names it.</exception>
    internal static Dictionary<Type, ResultView> Index(IReadOnlyList<ResultView> views)
    {
        var byType = new Dictionary<Type, ResultView>();
        foreach (var view in views)
        {
            if (!byType.TryAdd(view.ResultType, view))
            {
                throw new InvalidOperationException($"{view.ResultType.FullName} has more than one view in {nameof(ResultViews)}.");
            }
        }

        return byType;
    }
}
