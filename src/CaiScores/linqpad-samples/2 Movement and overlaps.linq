<Query Kind="Statements">
  <NuGetReference>CaiScores</NuGetReference>
  <Namespace>CaiScores.Bucketing</Namespace>
  <Namespace>CaiScores.Flows</Namespace>
  <Namespace>CaiScores.Overlaps</Namespace>
  <Namespace>CaiScores.ReasonCodes</Namespace>
  <Namespace>CaiScores.Samples</Namespace>
  <Namespace>CaiScores.Segments</Namespace>
  <Namespace>CaiScores.Targeting</Namespace>
  <Namespace>CaiScores.Transitions</Namespace>
</Query>

// Who moved between buckets from run to run (transition matrix, CJA's flow), who stayed High (Venn of three runs), which
// influential factors go with each bucket, and exactly who is in the top 20 %.

var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 5_000, Runs = 13 });
var (first, middle, last) = (table.Runs[0].ScoreDate, table.Runs[6].ScoreDate, table.Runs[^1].ScoreDate);

TransitionMatrix.Compute(table, first, last).Dump("From the first run to the last");
BucketFlow.Compute(table).Dump("Entry flow over the runs");
Venn.Compute(table,
[
    new OverlapSet("High in the first run", Segment.InBucket(BucketScheme.Cai, "High", first)),
    new OverlapSet("High in the middle run", Segment.InBucket(BucketScheme.Cai, "High", middle)),
    new OverlapSet("High in the last run", Segment.InBucket(BucketScheme.Cai, "High", last)),
]).Dump("Who stayed High");
ReasonCodeTable.Compute(table, new ReasonCodeOptions { Run = last }).Dump("Influential factors by bucket");
TopPercent.Select(table, 20).Dump("The top 20 %");
