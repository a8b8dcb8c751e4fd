<Query Kind="Statements">
  <NuGetReference>CaiScores</NuGetReference>
  <Namespace>CaiScores.Outcomes</Namespace>
  <Namespace>CaiScores.Samples</Namespace>
</Query>

// Conversions joined to the scores: lift and cumulative gains by decile with the AUC, Customer AI's expected vs actual
// conversion rate per bucket and run, and success events by bucket.

var sample = new CaiSampleOptions { Persons = 5_000, Runs = 13 };
var table = CaiSampleData.Table(sample);
var conversions = OutcomeEvents.Join(table, CaiSampleData.Outcomes(sample));

var evaluation = ModelEvaluation.Compute(table, conversions, new ModelEvaluationOptions { OutcomeWindowDays = 7, Run = table.Runs[^2].ScoreDate });
evaluation.Dump($"Lift and gains, AUC {evaluation.Auc:0.000}");
PerformanceSummary.Compute(table, conversions, new PerformanceSummaryOptions { OutcomeWindowDays = 7 }).Dump("Expected vs actual");
SuccessEventsByBucket.Compute(table, conversions, new SuccessEventsOptions { OutcomeWindowDays = 7 }).Dump("Conversions by bucket");
