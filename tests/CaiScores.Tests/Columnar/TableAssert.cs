using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Internal;
using CaiScores.Models;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Columnar;

/// <summary>Deep comparisons of tables (with each other and with the reference).</summary>
internal static class TableAssert
{
    /// <summary>Every reference row is in the table with equal values and factors, and the table holds nothing else.</summary>
    public static void MatchesReference(ScoreTable table, ReferenceTable reference)
    {
        long rows = 0;
        foreach (var ((_, personId, run), expected) in reference.Rows)
        {
            var p = table.Persons.IndexOf(personId);
            Assert.True(p >= 0, $"person {personId} missing");
            var r = table.IndexOfRun(run);
            Assert.True(r >= 0, $"run {run} missing");
            var actual = table.Runs[r];
            Assert.True(actual.IsPresent(p));
            Assert.Equal(expected.Score, actual.GetScore(p));
            Assert.Equal(expected.Probability, actual.GetProbability(p));
            Assert.Equal(expected.PercentileScore, actual.GetPercentile(p));
            Assert.Equal(expected.Timestamp is { } ts ? Timestamps.FromMicros(Timestamps.ToMicros(ts)) : null, actual.GetTimestamp(p));
            Assert.Equal(expected.Factors, actual.GetFactors(p, table));
            rows++;
        }

        Assert.Equal(rows, table.ScoreRowCount);
        Assert.Equal(rows, table.Runs.Sum(r => (long)r.PresentCount));
    }

    /// <summary>Two tables are equal in every column, dictionary, attribute and diagnostic.</summary>
    public static void Equal(ScoreTable expected, ScoreTable actual, bool diagnostics = true)
    {
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.InstanceKey, actual.InstanceKey);
        Assert.Equal(expected.Persons, actual.Persons);
        Assert.Equal(expected.IdentityNamespaces, actual.IdentityNamespaces);
        Assert.Equal(Enumerable.Range(0, expected.Persons.Count).Select(expected.GetIdentityNamespace), Enumerable.Range(0, actual.Persons.Count).Select(actual.GetIdentityNamespace));
        Assert.Equal(expected.FactorCodes, actual.FactorCodes);
        Assert.Equal(expected.FactorValues, actual.FactorValues);
        if (diagnostics)
        {
            Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        }
        Assert.Equal(expected.Runs.Count, actual.Runs.Count);
        for (var r = 0; r < expected.Runs.Count; r++)
        {
            var e = expected.Runs[r];
            var a = actual.Runs[r];
            Assert.Equal(e.ScoreDate, a.ScoreDate);
            Assert.Equal(e.ModelType, a.ModelType);
            Assert.Equal(e.PresentCount, a.PresentCount);
            Assert.True(e.Presence.SequenceEqual(a.Presence), "presence");
            Assert.True(e.Scores.SequenceEqual(a.Scores), "scores");
            Assert.True(e.ScoreValidity.SequenceEqual(a.ScoreValidity), "score validity");
            Assert.True(e.Probabilities.SequenceEqual(a.Probabilities), "probabilities");
            Assert.True(e.ProbabilityValidity.SequenceEqual(a.ProbabilityValidity), "probability validity");
            Assert.True(e.Percentiles.SequenceEqual(a.Percentiles), "percentiles");
            Assert.True(e.PercentileValidity.SequenceEqual(a.PercentileValidity), "percentile validity");
            Assert.Equal(e.UniformTimestamp, a.UniformTimestamp);
            Assert.Equal(e.TimestampsVary, a.TimestampsVary);
            for (var p = 0; p < e.PersonCount; p++)
            {
                Assert.Equal(e.GetTimestamp(p), a.GetTimestamp(p));
            }

            Assert.True(e.FactorOffsets.SequenceEqual(a.FactorOffsets), "factor offsets");
            Assert.True(e.FactorCodes.SequenceEqual(a.FactorCodes), "factor codes");
            Assert.True(e.FactorValues.SequenceEqual(a.FactorValues), "factor values");
            Assert.True(e.FactorImportance.SequenceEqual(a.FactorImportance), "factor importance");
        }

        Assert.Equal(expected.Attributes.Select(x => (x.Name, x.VariesOverTime)), actual.Attributes.Select(x => (x.Name, x.VariesOverTime)));
        foreach (var attribute in expected.Attributes)
        {
            var other = actual.Attributes[attribute.Name];
            for (var r = 0; r < expected.Runs.Count; r++)
            {
                for (var p = 0; p < expected.Persons.Count; p++)
                {
                    Assert.Equal(attribute.GetValue(p, r), other.GetValue(p, r));
                }
            }
        }
    }

    public static ScoreTable RoundTrip(ScoreTable table, ArrowIpcFormat format)
    {
        using var stream = new MemoryStream();
        ScoreTableArrow.Save(table, stream, format, leaveOpen: true);
        stream.Position = 0;
        return ScoreTableArrow.Load(stream);
    }

    public static int BitCount(ReadOnlySpan<byte> bitmap, int bits) => Bitmaps.PopCount(bitmap, bits);

    public static List<ScoreRecord> Sample(int persons = 300, int runs = 6, bool experienceEvents = true, int seed = 7) =>
        [.. ScoresOf(CaiScores.Samples.CaiSampleData.Generate(new CaiScores.Samples.CaiSampleOptions { Persons = persons, Runs = runs, ExperienceEvents = experienceEvents, Seed = seed }))];

    public static IEnumerable<ScoreRecord> ScoresOf(IEnumerable<CaiScoreRecord> records)
    {
        var normalizer = new CaiScores.Ingest.ScoreNormalizer();
        foreach (var record in records)
        {
            if (normalizer.TryNormalize(record, out var score))
            {
                yield return score;
            }
        }
    }
}
