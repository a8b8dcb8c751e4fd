using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Distributions;
using CaiScores.Ingest;
using CaiScores.Output;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Output.Html;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Tests.Docs;

/// <summary>
/// The README's samples are this compiled code: each test runs its snippet, and <see cref="Readme_shows_the_snippets_verbatim"/>
/// fails when the README's copy drifts from the text between the <c>begin-snippet</c> / <c>end-snippet</c> markers here.
/// </summary>
public sealed class ReadmeSampleTests
{
    [Fact]
    public async Task Quickstart()
    {
        var folder = Directory.CreateTempSubdirectory("cai-readme-").FullName;
        try
        {
            CaiJsonWriter.WriteJsonLines(Path.Combine(folder, "part-00000.jsonl"), CaiSampleData.Generate(new CaiSampleOptions { Persons = 100, Runs = 3 }));
            var printed = await DocSnippets.CaptureAsync(async () =>
            {
                // begin-snippet: quickstart
                // Files or folders exported from "Customer AI Scores in EE Format – <app>": JSON Lines or JSON arrays.
                var batch = await ScoreBatch.LoadAsync(folder, new CaiScoresOptions { IdentityNamespace = "ECID" });

                foreach (var run in batch.Records.GroupBy(r => r.RunKey).OrderBy(g => g.Key))
                {
                    Console.WriteLine($"{run.Key:yyyy-MM-dd}: {run.Count()} people, mean score {run.Average(r => r.Score):F1}");
                }

                // Nothing is dropped or altered silently.
                var d = batch.Diagnostics;
                Console.WriteLine($"no identity: {d.DroppedNoIdentity}, duplicates resolved: {d.DuplicatesResolved}, out of range: {d.OutOfRange.Total}");
                // end-snippet
            });

            var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("2026-01-04: ", lines[0], StringComparison.Ordinal);
            Assert.Equal("no identity: 0, duplicates resolved: 0, out of range: 0", lines[3]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Streaming()
    {
        var path = Path.GetTempFileName();
        try
        {
            CaiJsonWriter.WriteJsonLines(path, CaiSampleData.Generate(new CaiSampleOptions { Persons = 50, Runs = 2 }));
            long highScores = 0;

            // begin-snippet: streaming
            // Stream a file of any size: memory stays bounded by the longest record, not the file.
            await using var reader = CaiJsonReader.Open(path, new CaiScoresOptions { InvalidRecords = InvalidRecordPolicy.Skip });
            await foreach (var score in reader.ReadScoresAsync())
            {
                if (score.Score >= 75)
                {
                    highScores++;
                }
            }

            // Skipped records are counted, and the first ones described with file, line and JSON path.
            foreach (var problem in reader.Diagnostics.Rejections)
            {
                Console.Error.WriteLine(problem);
            }
            // end-snippet

            Assert.InRange(highScores, 1, 99);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parquet()
    {
        var folder = Directory.CreateTempSubdirectory("cai-readme-parquet-").FullName;
        try
        {
            var records = CaiSampleData.Generate(new CaiSampleOptions { Persons = 200, Runs = 3 }).ToList();
            new CaiParquetWriter().Write(Path.Combine(folder, "part-00000-c000.snappy.parquet"), records[..300]);
            new CaiParquetWriter().Write(Path.Combine(folder, "part-00001-c000.snappy.parquet"), records[300..]);
            var printed = DocSnippets.Capture(() =>
            {
                // begin-snippet: parquet
                // A folder of part-*.snappy.parquet files downloaded from "Customer AI Scores in EE Format – <app>".
                var table = CaiParquet.Load(folder).Single();
                Console.WriteLine($"{table.Persons.Count} people × {table.Runs.Count} runs, latest {table.Runs[^1].ScoreDate:yyyy-MM-dd}");
                ScoreTableArrow.Save(table, Path.Combine(folder, "scores.arrow"));   // Arrow IPC, for pyarrow, DuckDB, …
                // end-snippet
            });

            Assert.Equal("200 people × 3 runs, latest 2026-01-18", printed.Trim());
            Assert.True(File.Exists(Path.Combine(folder, "scores.arrow")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Analyses()
    {
        var scores = TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 500, Runs = 4 }));
        var table = ScoreTable.FromScores(scores).Single();
        var printed = DocSnippets.Capture(() =>
        {
            // begin-snippet: analyses
            // CAI's "Latest scores" card, a weekly trend by bucket, and who to target: the exact top 20 %.
            var summary = ScoringSummary.Compute(table);
            Console.WriteLine($"{summary.TotalProfiles} profiles: {summary.Low.Share:P0} low, {summary.Medium.Share:P0} medium, {summary.High.Share:P0} high");

            var trend = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Week });
            foreach (var period in trend.Periods)
            {
                Console.WriteLine($"week of {period.Label}: {period.People} people");
            }

            var top = TopPercent.Select(table, 20);
            Console.WriteLine($"top 20 %: {top.Count} people, {top.Rule}");

            // Who went from Low in the first run to High in the last: a count, and the people as a segment.
            var moves = TransitionMatrix.Compute(table, table.Runs[0].ScoreDate, table.Runs[^1].ScoreDate);
            Console.WriteLine($"Low → High: {moves["Low", "High"].Count} people, {moves.Entries} entered, {moves.Exits} left");
            Segment lowToHigh = moves.ToSegment(table, "Low", "High");
            // end-snippet
            Assert.Equal(moves["Low", "High"].Count, lowToHigh.Evaluate(table).Count);
        });

        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("week of 2026-01-04: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("top 20 %: ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("Low → High: ", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs()
    {
        var folder = Directory.CreateTempSubdirectory("cai-readme-").FullName;
        try
        {
            var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 500, Runs = 4 });

            // begin-snippet: outputs
            // Any result: JSON for a service, CSV for a spreadsheet, Arrow for pandas or DuckDB, SVG for a page.
            var trend = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Week });
            File.WriteAllText(Path.Combine(folder, "trend.json"), CaiJson.Serialize(trend));
            foreach (var part in ResultTables.Of(trend))
            {
                File.WriteAllText(Path.Combine(folder, $"{part.Name}.csv"), CaiCsv.ToCsv(part));
                using var arrow = File.Create(Path.Combine(folder, $"{part.Name}.arrows"));
                CaiArrow.WriteStream(part, arrow);
            }

            File.WriteAllText(Path.Combine(folder, "trend.svg"), SvgCharts.Trend(trend));
            File.WriteAllText(Path.Combine(folder, "trend.vl.json"), VegaLite.Trend(trend));
            // end-snippet

            var parts = ResultTables.Of(trend);
            Assert.All(parts, p => Assert.Equal(p.RowCount + 1, File.ReadAllLines(Path.Combine(folder, $"{p.Name}.csv")).Length));
            Assert.StartsWith("{", File.ReadAllText(Path.Combine(folder, "trend.json")), StringComparison.Ordinal);
            Assert.StartsWith("<svg ", File.ReadAllText(Path.Combine(folder, "trend.svg")), StringComparison.Ordinal);
            Assert.Contains("vega-lite", File.ReadAllText(Path.Combine(folder, "trend.vl.json")), StringComparison.Ordinal);
            using var reader = new Apache.Arrow.Ipc.ArrowStreamReader(File.OpenRead(Path.Combine(folder, $"{parts[0].Name}.arrows")));
            Assert.Equal(parts[0].RowCount, reader.ReadNextRecordBatch().Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LinqPad()
    {
        var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 500, Runs = 4 });

        // begin-snippet: linqpad
        ScoreTrend.Compute(table, new TrendOptions { Scheme = null, CohortAttribute = "tier" }).Dump("Bronze, silver and gold");
        // end-snippet
    }

    [Fact]
    public void Readme_shows_the_snippets_verbatim()
    {
        Assert.Equal(6, DocSnippets.AssertShownIn(ThisFile(), "README.md"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

}
