using System.Text.RegularExpressions;
using CaiScores.Columnar.Ipc;
using CaiScores.Ingest;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Docs;

/// <summary>
/// The README's samples are this compiled code: each test runs its snippet, and <see cref="Readme_shows_the_snippets_verbatim"/>
/// fails when the README's copy drifts from the text between the <c>begin-snippet</c> / <c>end-snippet</c> markers here.
/// </summary>
[Collection(nameof(UsesTheConsole))]
public sealed partial class ReadmeSampleTests
{
    [Fact]
    public async Task Quickstart()
    {
        var folder = Directory.CreateTempSubdirectory("cai-readme-").FullName;
        try
        {
            CaiJsonWriter.WriteJsonLines(Path.Combine(folder, "part-00000.jsonl"), CaiSampleData.Generate(new CaiSampleOptions { Persons = 100, Runs = 3 }));
            using var console = new StringWriter();
            var previous = Console.Out;
            Console.SetOut(console);
            try
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
            }
            finally
            {
                Console.SetOut(previous);
            }

            var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
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
            new AepParquetWriter().Write(Path.Combine(folder, "part-00000-c000.snappy.parquet"), records[..300]);
            new AepParquetWriter().Write(Path.Combine(folder, "part-00001-c000.snappy.parquet"), records[300..]);
            using var console = new StringWriter();
            var previous = Console.Out;
            Console.SetOut(console);
            try
            {
                // begin-snippet: parquet
                // A folder of part-*.snappy.parquet files downloaded from "Customer AI Scores in EE Format – <app>".
                var table = CaiParquet.Load(folder).Single();
                Console.WriteLine($"{table.Persons.Count} people × {table.Runs.Count} runs, latest {table.Runs[^1].ScoreDate:yyyy-MM-dd}");
                ScoreTableArrow.Save(table, Path.Combine(folder, "scores.arrow"));   // Arrow IPC, for pyarrow, DuckDB, …
                // end-snippet
            }
            finally
            {
                Console.SetOut(previous);
            }

            Assert.Equal("200 people × 3 runs, latest 2026-01-18", console.ToString().Trim());
            Assert.True(File.Exists(Path.Combine(folder, "scores.arrow")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Readme_shows_the_snippets_verbatim()
    {
        var source = File.ReadAllText(ThisFile());
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "README.md"));
        var snippets = SnippetRegex().Matches(source);
        Assert.Equal(3, snippets.Count);
        foreach (Match snippet in snippets)
        {
            var lines = snippet.Groups["body"].Value.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            var body = string.Join("\n", lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()));
            Assert.Contains(body, readme.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [GeneratedRegex(@"// begin-snippet: \w+\r?\n(?<body>.*?)\r?\n\s*// end-snippet", RegexOptions.Singleline)]
    private static partial Regex SnippetRegex();
}
