<Query Kind="Statements">
  <NuGetReference>CaiScores</NuGetReference>
  <Namespace>CaiScores.Bucketing</Namespace>
  <Namespace>CaiScores.Distributions</Namespace>
  <Namespace>CaiScores.Samples</Namespace>
  <Namespace>CaiScores.Trends</Namespace>
</Query>

// Customer AI propensity over time: the latest run's Low / Medium / High card, people per bucket week by week, the tiers
// (bronze, silver, gold) over time, and the distribution in CJA's 5-point buckets. Each result dumps as its chart and table.

// 5,000 synthetic people scored weekly for a quarter. For your own AEP export (package CaiScores.Parquet):
// var table = CaiParquet.Load(@"C:\exports\customer-ai-ee").Single();
var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 5_000, Runs = 13 });

ScoringSummary.Compute(table).Dump("Latest scores");
ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Week }).Dump("People by bucket, week by week");
ScoreTrend.Compute(table, new TrendOptions { Scheme = null, CohortAttribute = "tier" }).Dump("Bronze, silver and gold");
ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Distribution5 }).Dump("5-point buckets");
