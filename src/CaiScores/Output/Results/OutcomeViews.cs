using CaiScores.Outcomes;

namespace CaiScores.Output;

/// <summary>How the outcome results are shown: the model evaluation, the performance summary and the success events by bucket.</summary>
internal static class OutcomeViews
{
    /// <summary>The evaluation: the deciles and a summary with the AUC, drawn as a lift chart and a gains chart.</summary>
    public static readonly ResultView<ModelEvaluation> Evaluation = new(Tables, e => [SvgCharts.Lift(e), SvgCharts.Gains(e)]);

    /// <summary>The performance: run × bucket, the runs and the settings, drawn as expected against actual rates.</summary>
    public static readonly ResultView<PerformanceSummary> Performance = new(Tables, p => [SvgCharts.Performance(p)]);

    /// <summary>The success events: a row per bucket and the totals, drawn as bars.</summary>
    public static readonly ResultView<SuccessEventsByBucket> SuccessEvents = new(Tables, s => [SvgCharts.SuccessEvents(s)]);

    private static IReadOnlyList<ResultTable> Tables(ModelEvaluation evaluation)
    {
        var title = $"Model evaluation, {TableText.Day(evaluation.Run)}, {evaluation.OutcomeWindowDays}-day window";
        ModelEvaluation[] one = [evaluation];
        return
        [
            new TableBuilder<DecileRow>("evaluation-deciles", title, evaluation.Rows)
                .Int64("group", r => r.Group, "1 for the highest scores")
                .Int64("count", r => r.Count, "Persons in the group")
                .Int64("positives", r => r.Positives, "Persons of the group with an outcome in the window")
                .Share("rate", r => r.Rate, "positives over count; null for an empty group")
                .Double("lift", r => r.Lift, "rate over the overall rate (1 = random); null for an empty group or no positive")
                .Share("cumulativeShare", r => r.CumulativeShare, "Persons in this and higher groups over all ranked (the gains chart's x)")
                .Share("cumulativeGain", r => r.CumulativeGain, "Positives in this and higher groups over all positives (the gains chart's y); null when none")
                .Double("maxScore", r => r.MaxScore, "The highest score in the group; null for an empty group")
                .Double("minScore", r => r.MinScore, "The lowest score in the group; null for an empty group")
                .Boolean("splitsTie", r => r.SplitsTie, "Whether persons with the group's lowest score are also in the next group (split by person index)")
                .Build(),
            new TableBuilder<ModelEvaluation>("evaluation-summary", title + ": summary", one)
                .Date("run", e => e.Run, "The run's score date")
                .Int64("outcomeWindowDays", e => e.OutcomeWindowDays, "Days after the score date in which an outcome counts")
                .Timestamp("windowStart", e => e.WindowStart, "The window's start (exclusive)")
                .Timestamp("windowEnd", e => e.WindowEnd, "The window's end (inclusive)")
                .Timestamp("asOf", e => e.AsOf, "The time outcomes are known up to; null when unknown")
                .Boolean("isComplete", e => e.IsComplete, "Whether the window has passed")
                .Int64("groups", e => e.Groups, "Groups the ranked persons are cut into")
                .Int64("count", e => e.Count, "Persons ranked")
                .Int64("positives", e => e.Positives, "Ranked persons with an outcome in the window")
                .Int64("negatives", e => e.Negatives, "Ranked persons without")
                .Share("overallRate", e => e.OverallRate, "positives over count; null when no one is ranked")
                .Double("auc", e => e.Auc, "Area under the ROC curve; null without positives or negatives")
                .Int64("tiedPairs", e => e.TiedPairs, "Positive-negative pairs with equal scores (each ½ in the AUC)")
                .String("tieBreak", e => e.TieBreak, "How equal scores are ordered at a group cut: personIndex (ascending, the earlier person into the higher group)")
                .Int64("noValue", e => e.NoValue, "Persons scored without a score (not ranked)")
                .Int64("nanCount", e => e.NaNCount, "Persons with a NaN score (not ranked)")
                .Build(),
        ];
    }

    private static IReadOnlyList<ResultTable> Tables(PerformanceSummary performance)
    {
        var title = $"Performance summary, {performance.OutcomeWindowDays}-day window";
        PerformanceSummary[] one = [performance];
        return
        [
            new TableBuilder<PerformanceRow>("performance", title, performance.Rows)
                .Date("run", r => r.Run, "The run's score date")
                .Int64("bucketIndex", r => r.Bucket.Index, TableText.BucketIndex)
                .Bucket(r => r.Bucket)
                .Int64("profiles", r => r.Profiles, "Persons scored in the run with a value in the bucket")
                .Share("expectedRate", r => r.ExpectedRate, "Mean probability of those profiles; null when none has one")
                .Int64("events", r => r.Events, "Profiles that converted (or churned); null until the window has passed")
                .Share("actualRate", r => r.ActualRate, "events over profiles; null until the window has passed or without profiles")
                .Build(),
            new TableBuilder<PerformanceRun>("performance-runs", title + ": runs", performance.Runs)
                .Date("run", r => r.Run, "The run's score date")
                .Timestamp("windowEnd", r => r.WindowEnd, "The end of the run's outcome window (inclusive)")
                .Boolean("windowPassed", r => r.WindowPassed, "Whether the window has passed (only then are actual rates reported)")
                .Int64("profiles", r => r.Profiles, "Persons scored in the run, with or without a value")
                .Int64("noValue", r => r.NoValue, "Profiles without a value")
                .Int64("nanCount", r => r.NaNCount, "Profiles with a NaN value")
                .Share("expectedRate", r => r.ExpectedRate, "Mean probability over the run's profiles; null when none has one")
                .Int64("events", r => r.Events, "Profiles that converted (or churned); null until the window has passed")
                .Share("actualRate", r => r.ActualRate, "events over profiles; null until the window has passed")
                .Build(),
            new TableBuilder<PerformanceSummary>("performance-summary", title + ": settings", one)
                .Enum("kind", p => p.Kind, "conversion or churn")
                .String("scheme", p => p.Scheme.Name, "The bucket scheme's name; null for a custom scheme")
                .Enum("field", p => p.Scheme.Field, "The score field bucketed")
                .Int64("outcomeWindowDays", p => p.OutcomeWindowDays, "Days after the score date in which an outcome counts")
                .Timestamp("asOf", p => p.AsOf, "The time outcomes are known up to; null when unknown")
                .Build(),
        ];
    }

    private static IReadOnlyList<ResultTable> Tables(SuccessEventsByBucket successEvents)
    {
        var title = $"Success events by bucket, {TableText.Day(successEvents.Run)}";
        SuccessEventsByBucket[] one = [successEvents];
        return
        [
            new TableBuilder<SuccessEventsRow>("success-events", title, successEvents.Rows)
                .Int64("bucketIndex", r => r.Bucket.Index, TableText.BucketIndex)
                .Bucket(r => r.Bucket)
                .Int64("people", r => r.People, "Persons scored in the run with a value in the bucket")
                .Int64("peopleWithEvents", r => r.PeopleWithEvents, "Those with at least one outcome counted")
                .Int64("events", r => r.Events, "Their outcomes counted")
                .Double("value", r => r.Value, "The sum of the outcomes' values (NaN when one is NaN)")
                .Double("eventsPerPerson", r => r.EventsPerPerson, "events over people; null without people")
                .Share("conversionRate", r => r.ConversionRate, "peopleWithEvents over people; null without people")
                .Build(),
            new TableBuilder<SuccessEventsByBucket>("success-events-totals", title + ": totals", one)
                .Date("run", s => s.Run, "The run's score date")
                .Int64("outcomeWindowDays", s => s.OutcomeWindowDays, "Days after the score date in which an outcome counts; null for all outcomes")
                .Int64("people", s => s.People, "Persons scored in the run")
                .Int64("noValue", s => s.NoValue, "Of them, without a value (in no bucket)")
                .Int64("nanCount", s => s.NaNCount, "Of them, with a NaN value (in no bucket)")
                .Build(),
        ];
    }
}
